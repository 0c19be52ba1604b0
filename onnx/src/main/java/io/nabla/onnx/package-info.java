/**
 * ONNX in and out: {@link io.nabla.onnx.OnnxExport} writes a {@link io.nabla.model.Net} as an ONNX
 * model (opset 13) that ONNX Runtime and other runtimes serve; {@link io.nabla.onnx.OnnxImport}
 * reads an ONNX model made of the operations Nabla has back into a {@code Net}, also one another
 * framework wrote. Pure Java over protobuf-java: no native library.
 */
package io.nabla.onnx;
