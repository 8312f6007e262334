"""LightGBM on the very rows `npm run train` uses: an outside reference for our forest's AUC.

Reads the CSV written by export-rows.ts (split, label, true_probability, observable_probability,
features...), trains LightGBM on the train rows (early stopping on a stratified 20% of them, as our
trainer holds out 20% for calibration), and prints its test AUC beside the simulator's ceilings and,
when reports/train-summary.json describes the same data set, beside our forest and the logistic
baseline. LightGBM is a reference only; it is not a runtime dependency of the product.

usage: python bench/lightgbm/lightgbm_auc.py ROWS.csv [--summary reports/train-summary.json]
"""

import argparse
import csv
import json
import os
import time

import lightgbm as lgb
import numpy as np

PARAMS = {
    "objective": "binary",
    "learning_rate": 0.03,
    "num_leaves": 15,
    "min_data_in_leaf": 100,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "lambda_l2": 1.0,
    "num_threads": 2,
    "deterministic": True,
    "seed": 1,
    "verbose": -1,
}


def auc(scores, labels):
    """Rank-based AUC (Mann-Whitney, ties count one half), as services/trainer/evaluation/auc.ts."""
    scores = np.asarray(scores, dtype=float)
    labels = np.asarray(labels, dtype=int)
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(len(scores))
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = labels.sum()
    negatives = len(labels) - positives
    return (ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives)


def read_rows(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        split, label, true_p, observable_p, features = [], [], [], [], []
        for row in reader:
            split.append(row[0])
            label.append(int(row[1]))
            true_p.append(float(row[2]))
            observable_p.append(float(row[3]))
            features.append([float(x) for x in row[4:]])
    return (
        header[4:],
        np.array(split),
        np.array(label),
        np.array(true_p),
        np.array(observable_p),
        np.array(features),
    )


def validation_mask(labels, fraction, seed):
    """A stratified random share of the rows, for early stopping."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(labels), dtype=bool)
    for value in (0, 1):
        rows = np.flatnonzero(labels == value)
        rng.shuffle(rows)
        mask[rows[: int(round(len(rows) * fraction))]] = True
    return mask


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("rows")
    parser.add_argument("--summary", default="reports/train-summary.json")
    args = parser.parse_args()

    started = time.time()
    names, split, y, true_p, observable_p, X = read_rows(args.rows)
    train, test = split == "train", split == "test"
    read_s = time.time() - started

    X_train, y_train = X[train], y[train]
    valid = validation_mask(y_train, 0.2, 1)
    started = time.time()
    booster = lgb.train(
        PARAMS,
        lgb.Dataset(X_train[~valid], y_train[~valid], feature_name=names),
        num_boost_round=3000,
        valid_sets=[lgb.Dataset(X_train[valid], y_train[valid], feature_name=names)],
        callbacks=[lgb.early_stopping(100, verbose=False)],
    )
    train_s = time.time() - started
    lgb_auc = auc(booster.predict(X[test], num_iteration=booster.best_iteration), y[test])
    ceiling = auc(true_p[test], y[test])
    observable = auc(observable_p[test], y[test])

    rows = [
        ("LightGBM %s (%d rounds, early stopping)" % (lgb.__version__, booster.best_iteration), lgb_auc),
        ("ceiling: true probability", ceiling),
        ("traits without hidden risk", observable),
    ]
    note = None
    if os.path.exists(args.summary):
        with open(args.summary) as f:
            summary = json.load(f)
        same = (
            summary.get("kind") == "simulated"
            and summary["dataset"]["shoppers"] == len(y)
            and summary["split"]["testRows"] == int(test.sum())
            and abs(summary["metrics"]["ceiling"]["auc"] - ceiling) < 1e-5
        )
        if same:
            rows.insert(1, ("our forest %s" % summary["modelVersion"], summary["metrics"]["model"]["auc"]))
            rows.insert(2, ("logistic regression baseline", summary["metrics"]["baseline"]["auc"]))
        else:
            note = "%s describes another data set: run `npm run train` with the same options to compare" % args.summary
    else:
        note = "no %s: run `npm run train` with the same options to see our forest beside LightGBM" % args.summary

    print("\n%d rows (%d train, %d test), %d features; read %.1f s, LightGBM trained in %.1f s\n"
          % (len(y), train.sum(), test.sum(), len(names), read_s, train_s))
    width = max(len(name) for name, _ in rows)
    print("%s  %s" % ("model (test shoppers)".ljust(width), "AUC"))
    for name, value in rows:
        print("%s  %.4f" % (name.ljust(width), value))
    if note:
        print("\n" + note)
    gain = booster.feature_importance(importance_type="gain")
    top = sorted(zip(names, gain / gain.sum()), key=lambda t: -t[1])[:8]
    print("\nLightGBM top features (gain share): " + ", ".join("%s %.1f%%" % (n, 100 * g) for n, g in top))


if __name__ == "__main__":
    main()
