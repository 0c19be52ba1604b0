/**
 * The chapter's training loop ({@link io.nabla.train.Trainer}): mini-batches, backprop, an
 * optimizer step, the loss recorded every iteration and train/test accuracy once per epoch, with
 * listeners for progress, batched evaluation ({@link io.nabla.train.Evaluation}) and the run's
 * record ({@link io.nabla.train.TrainingHistory}).
 */
package io.nabla.train;
