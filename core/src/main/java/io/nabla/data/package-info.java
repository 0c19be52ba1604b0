/**
 * Data for training: the IDX file format of MNIST and Fashion-MNIST ({@link
 * io.nabla.data.IdxReader}), loading a dataset with the book's {@code load_mnist} options ({@link
 * io.nabla.data.MnistLoader}), finding or downloading the files ({@link
 * io.nabla.data.MnistLocator}), and mini-batch samplers ({@link io.nabla.data.BatchSampler}).
 */
package io.nabla.data;
