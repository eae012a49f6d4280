import { InputError, plural } from "./errors";
import { ForwardTrace, checkInputs, checkNetwork, forwardUnchecked } from "./forward";
import { LossName, checkLossPairing, checkTargets, dataLoss } from "./losses";
import { Matrix, MatrixLike, shapeOf, toMatrix } from "./matrix";
import { Network } from "./network";
import { Regularization, checkRegularization, penalty } from "./regularization";

export interface CostOptions {
  readonly loss: LossName;
  readonly regularization?: Regularization;
}

/** J = data + penalty: the mean loss over the batch and the weight penalty, kept apart. */
export interface Cost {
  readonly data: number;
  readonly penalty: number;
  readonly total: number;
}

/** A checked batch: inputs and targets that fit the network and the loss. */
export interface Batch {
  readonly X: Matrix;
  readonly Y: Matrix;
}

/** Checks the network, X, Y and the options together; every public cost and gradient function starts here. */
export function checkBatch(where: string, net: Network, X: MatrixLike, Y: MatrixLike, options: CostOptions): Batch {
  checkNetwork(where, net);
  if (typeof options !== "object" || options === null) {
    throw new InputError(`${where}: options must be an object like { loss: "halfSquared" }`);
  }
  const layers = net.layers;
  checkLossPairing(where, options.loss, layers[layers.length - 1].activation);
  checkRegularization(where, options.regularization);
  const Xm = checkInputs(where, net, X);
  const Ym = toMatrix(where, "Y", Y);
  const outputs = net.sizes[net.sizes.length - 1];
  if (Ym.rows !== Xm.rows) {
    throw new InputError(
      `${where}: X has ${plural(Xm.rows, "example")} (${shapeOf(Xm)}) but Y has ${plural(Ym.rows, "row")} (${shapeOf(Ym)}); give one label row per example`,
    );
  }
  if (Ym.cols !== outputs) {
    throw new InputError(
      `${where}: Y is ${shapeOf(Ym)} but the network has ${plural(outputs, "output unit")}; ` +
        `each label row needs ${plural(outputs, "entry", "entries")}` + (outputs > 1 && Ym.cols === 1 ? " (one-hot encode class labels)" : ""),
    );
  }
  checkTargets(where, options.loss, Ym);
  return { X: Xm, Y: Ym };
}

/**
 * The cost of a forward trace, without checks. The penalty's m is the number of examples J is
 * defined over: the batch itself by default, the whole training set when the batch is a mini-batch.
 */
export function costOfTrace(net: Network, trace: ForwardTrace, Y: Matrix, options: CostOptions, penaltyExamples = Y.rows): Cost {
  const L = net.layers.length;
  const data = dataLoss(options.loss, net.layers[L - 1].activation, trace.z[L - 1], trace.a[L], Y);
  const pen = penalty(options.regularization, net.layers, penaltyExamples);
  return { data, penalty: pen, total: data + pen };
}

/** J(Theta) on a batch, split into its data and penalty parts. */
export function cost(net: Network, X: MatrixLike, Y: MatrixLike, options: CostOptions): Cost {
  const b = checkBatch("cost", net, X, Y, options);
  return costOfTrace(net, forwardUnchecked(net, b.X), b.Y, options);
}
