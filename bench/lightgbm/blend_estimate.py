"""Would averaging the calibrated forest with a logistic regression rank shoppers better?

An offline estimate only (nothing in the product blends): a logistic regression (standardised
features, L2 = 1 on the weights, Newton's method) is fitted on the train rows of export-rows.ts's
CSV, and its test AUC, the forest's (forest-scores.ts) and those of their averages are printed.
The weights are compared on the test rows themselves, so the best of them is slightly optimistic.

usage: python bench/lightgbm/blend_estimate.py ROWS.csv FOREST_SCORES.csv
"""

import sys

import numpy as np

from lightgbm_auc import auc, read_rows


def logistic(x_train, y_train, l2=1.0, steps=30):
    a = np.hstack([np.ones((len(x_train), 1)), x_train])
    w = np.zeros(a.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-a @ w))
        grad = a.T @ (p - y_train)
        grad[1:] += l2 * w[1:]
        hess = (a * (p * (1 - p))[:, None]).T @ a
        hess[1:, 1:] += l2 * np.eye(len(w) - 1)
        w -= np.linalg.solve(hess, grad)
    return w


def main(rows_path, forest_path):
    _, split, label, _, _, x = read_rows(rows_path)
    forest = np.loadtxt(forest_path, delimiter=",", skiprows=1)[:, 1]
    train, test = split == "train", split == "test"
    mean, sd = x[train].mean(0), x[train].std(0)
    sd[sd == 0] = 1
    z = (x - mean) / sd
    w = logistic(z[train], label[train].astype(float))
    lr = 1 / (1 + np.exp(-(w[0] + z @ w[1:])))
    y = label[test]
    print(f"forest, calibrated             {auc(forest[test], y):.4f}")
    print(f"logistic regression            {auc(lr[test], y):.4f}")
    for a in (0.3, 0.5, 0.7):
        blend = a * forest[test] + (1 - a) * lr[test]
        print(f"{a:.1f} forest + {1 - a:.1f} logistic     {auc(blend, y):.4f}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
