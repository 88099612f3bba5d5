package dev.chronoscope.engine.device;

/** Element types of device memory; sizes are what a GPU would hold, and what memory accounting charges. */
public enum DType {
    F32(4), F16(2), BF16(2), I32(4), I64(8);

    private final int bytes;

    DType(int bytes) { this.bytes = bytes; }

    public int bytes() { return bytes; }

    public boolean isFloatingPoint() { return this == F32 || this == F16 || this == BF16; }

    /** The dtype of a HuggingFace {@code torch_dtype} name. */
    public static DType ofTorchName(String torchDtype) {
        return switch (torchDtype) {
            case "float32" -> F32;
            case "float16" -> F16;
            case "bfloat16" -> BF16;
            default -> throw new IllegalArgumentException("unsupported torch_dtype '" + torchDtype + "'");
        };
    }
}
