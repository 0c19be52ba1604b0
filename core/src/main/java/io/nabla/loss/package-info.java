/**
 * Loss functions of the chapter: mean squared error, cross-entropy, and softmax fused with
 * cross-entropy, for a single sample (rank-1 output, summed) or a mini-batch (rank-2 output,
 * averaged over the rows), with targets given as one-hot rows or class indices ({@link
 * io.nabla.loss.Targets}).
 */
package io.nabla.loss;
