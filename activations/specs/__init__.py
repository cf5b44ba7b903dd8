"""The registry entries, one module per family; importing this package registers them all."""

from activations.specs import (
    beyond_torch,  # specs-B: activations the field uses beyond torch.nn
    exponential,  # elu, celu, selu, softplus, logsigmoid, silu (swish), mish, gelu
    literature,  # isru, isrlu, gaussian (RBF), starrelu
    rectifiers,  # relu, relu6, leaky_relu, prelu, rrelu, threshold, hardtanh, hardshrink, softshrink
    sigmoidal,  # sigmoid, tanh, softsign, tanhshrink, hardsigmoid, hardswish
    sparse,  # sparsemax, entmax15
    vector,  # specs-B: softmax family (softmin, SoLU) and gated (GLU family, bilinear)
)

__all__ = ["beyond_torch", "exponential", "literature", "rectifiers", "sigmoidal", "sparse", "vector"]
