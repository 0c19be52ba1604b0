#!/usr/bin/env sh
# Writes the float64 SIMD kernels from their float32 sources: run after editing a SimdFloat*.java.
# The float64 files are generated; edit the float32 ones.
set -e
dir="$(dirname "$0")/src/main/java/io/nabla/backend/simd"
for kind in Gemm Tiles Kernels; do
  {
    echo "// GENERATED from SimdFloat$kind.java by backend-simd/generate-float64.sh: do not edit."
    sed -e 's/Float32/Float64/g; s/float32/float64/g; s/FloatVector/DoubleVector/g' \
        -e 's/VectorSpecies<Float>/VectorSpecies<Double>/g; s/SimdFloat/SimdDouble/g' \
        -e 's/\bfloat\b/double/g' "$dir/SimdFloat$kind.java"
  } > "$dir/SimdDouble$kind.java"
done
