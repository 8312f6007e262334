"""Where is the default information lost? traits -> events -> features -> model.

Reads the CSV written by export-audit.ts and prints, on the same test shoppers:
  1. the default logit's parts and their spread (which traits drive default);
  2. AUCs of LightGBM given the hidden traits (with and without the unobservable risk factor), the
     simulator's crude probe summaries, the product's features, and features + probe;
  3. how well each trait can be read back from the product's features (test R^2);
  4. the AUC when the true value of one trait is added to the features (where the rest goes);
  5. AUCs by number of orders (thin files).
Evaluation only: traits are the answer key, never inputs of the product.

usage: python bench/lightgbm/information_audit.py AUDIT.csv
"""

import argparse
import csv
import time

import lightgbm as lgb
import numpy as np

from lightgbm_auc import PARAMS, auc, validation_mask


def read(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        split, data = [], []
        for row in reader:
            split.append(row[0])
            data.append([float(x) for x in row[1:]])
    return header[1:], np.array(split), np.array(data)


def fit(X, y, train, test, objective="binary"):
    params = dict(PARAMS, objective=objective)
    valid = validation_mask(y[train] if objective == "binary" else np.zeros(train.sum(), dtype=int), 0.2, 1)
    Xt, yt = X[train], y[train]
    booster = lgb.train(
        params,
        lgb.Dataset(Xt[~valid], yt[~valid]),
        num_boost_round=3000,
        valid_sets=[lgb.Dataset(Xt[valid], yt[valid])],
        callbacks=[lgb.early_stopping(100, verbose=False)],
    )
    return booster.predict(X[test], num_iteration=booster.best_iteration)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("audit")
    parser.add_argument("--quick", action="store_true", help="AUCs only: skip features + probe and the R^2 table")
    args = parser.parse_args()
    names, split, data = read(args.audit)
    col = {n: i for i, n in enumerate(names)}
    y = data[:, col["label"]].astype(int)
    train, test = split == "train", split == "test"
    traits = [n for n in names if n.startswith("t_")]
    probe = [n for n in names if n.startswith("p_")]
    features = [n for n in names if n.startswith("f_")]
    cols = lambda ns: data[:, [col[n] for n in ns]]
    p = data[:, col["true_probability"]]
    logit = np.log(p / (1 - p))
    fraud = data[:, col["t_fraud"]] > 0

    print("%d shoppers (%d test), base rate %.4f, fraud %.2f%%" % (len(y), test.sum(), y.mean(), 100 * fraud.mean()))
    orders = data[:, col["n_orders"]]
    print("orders per shopper: mean %.1f, quartiles %s, share with <= 3 orders %.1f%%"
          % (orders.mean(), np.percentile(orders, [25, 50, 75]).tolist(), 100 * (orders <= 3).mean()))
    print("default logit: sd %.3f (non-fraud %.3f)" % (logit.std(), logit[~fraud].std()))

    print("\nAUC on the test shoppers")
    rows = [
        ("ceiling: true probability", p[test]),
        ("traits without hidden risk (analytic)", data[test, col["observable_probability"]]),
    ]
    for label, ns in [
        ("LightGBM on traits incl. hidden risk", traits),
        ("LightGBM on traits without hidden risk", [t for t in traits if t != "t_hidden_risk"]),
        ("LightGBM on the probe (%d summaries)" % len(probe), probe),
        ("LightGBM on the product features (%d)" % len(features), features),
    ] + ([] if args.quick else [("LightGBM on features + probe", features + probe)]):
        started = time.time()
        rows.append((label, fit(cols(ns), y, train, test)))
        rows[-1] = (rows[-1][0] + " [%.0f s]" % (time.time() - started), rows[-1][1])
    width = max(len(r[0]) for r in rows)
    aucs = {}
    for label, score in rows:
        aucs[label] = auc(score, y[test])
        print("  %s  %.4f" % (label.ljust(width), aucs[label]))

    print("\nTraits read back from the product features (LightGBM regression, test R^2; non-fraud)")
    nf = ~fraud
    Xf = cols(features)
    for t in [] if args.quick else ["t_stress", "t_stability", "t_impulsiveness", "t_thrift", "t_log_income", "t_employment",
              "t_shock", "t_tenure_days", "t_night_owl", "t_orders_per_day"]:
        target = data[:, col[t]]
        pred = fit(Xf[nf], target[nf], train[nf], test[nf], objective="regression")
        truth = target[nf][test[nf]]
        r2 = 1 - ((truth - pred) ** 2).mean() / truth.var()
        print("  %-22s R^2 %.3f" % (t[2:], r2))

    if not args.quick:
        print("\nWhere the rest goes: the product features plus the true value of a trait (AUC, gain)")
        base = aucs[rows[5][0]]
        shock = ["t_shock", "t_shock_days_before_end"]
        for label, ns in [
            ("financial stress", ["t_stress"]),
            ("employment and income", ["t_employment", "t_log_income"]),
            ("income stability", ["t_stability"]),
            ("income shock (and its age)", shock),
            ("thrift", ["t_thrift"]),
            ("impulsiveness", ["t_impulsiveness"]),
            ("stress, stability and shock", ["t_stress", "t_stability"] + shock),
        ]:
            a = auc(fit(cols(features + ns), y, train, test), y[test])
            print("  + %-28s %.4f (%+.4f)" % (label, a, a - base))

    print("\nThin files: AUC by orders in the period (test shoppers)")
    feature_score = rows[5][1]
    for lo, hi in [(0, 3), (4, 10), (11, 30), (31, 100), (101, 1e9)]:
        m = (orders[test] >= lo) & (orders[test] <= hi)
        if y[test][m].sum() < 20:
            continue
        print("  orders %4d-%-6s n %6d  ceiling %.4f  features %.4f" % (
            lo, "" if hi > 1e8 else int(hi), m.sum(), auc(p[test][m], y[test][m]), auc(feature_score[m], y[test][m])))


if __name__ == "__main__":
    main()
