// Types for ml-cart 2.1.1 as patched by patches/ml-cart+2.1.1.patch (the package ships none). Only
// what our code and tests use.
declare module 'ml-cart' {
  export interface DecisionTreeOptions {
    gainFunction?: 'gini' | 'regression';
    splitFunction?: 'mean';
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
    /** Added by our patch: 'sweep' (default, O(n log n) per feature and node) or 'exhaustive' (the original O(n^2)). */
    splitSearch?: 'sweep' | 'exhaustive';
  }

  /** A trained node; split nodes have both children, leaves a distribution. */
  export interface TreeNode {
    splitColumn?: number;
    splitValue?: number;
    gain?: number;
    numberSamples?: number;
    left?: TreeNode;
    right?: TreeNode;
    distribution?: unknown;
  }

  export class DecisionTreeClassifier {
    constructor(options?: DecisionTreeOptions);
    options: DecisionTreeOptions;
    root: TreeNode;
    train(trainingSet: number[][], trainingLabels: number[]): void;
    predict(toPredict: number[][]): number[];
    toJSON(): { options: DecisionTreeOptions; root: TreeNode; name: string };
  }

  export class DecisionTreeRegression {
    constructor(options?: DecisionTreeOptions);
    options: DecisionTreeOptions;
    root: TreeNode;
    train(trainingSet: number[][], trainingValues: number[]): void;
    predict(toPredict: number[][]): number[];
    toJSON(): { options: DecisionTreeOptions; root: TreeNode; name: string };
  }
}
