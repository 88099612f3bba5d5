package dev.chronoscope.engine.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes float tensors as a .safetensors file in F32, F16 or BF16 (round to nearest even); atomically. */
public final class SafetensorsWriter {
    public record Tensor(long[] shape, float[] data) {}

    private final Map<String, Tensor> tensors = new LinkedHashMap<>();

    public SafetensorsWriter add(String name, long[] shape, float[] data) {
        long n = 1;
        for (long d : shape) n *= d;
        if (n != data.length) throw new IllegalArgumentException(name + ": shape holds " + n + " elements, data " + data.length);
        tensors.put(name, new Tensor(shape.clone(), data));
        return this;
    }

    public void write(Path file, String dtype) throws IOException {
        int width = switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new IllegalArgumentException("dtype must be F32, F16 or BF16");
        };
        ObjectMapper json = new ObjectMapper();
        ObjectNode header = json.createObjectNode();
        long offset = 0;
        for (var e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", dtype);
            var shape = t.putArray("shape");
            for (long d : e.getValue().shape()) shape.add(d);
            long bytes = (long) e.getValue().data().length * width;
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = json.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length).array());
            out.write(headerBytes);
            for (Tensor t : tensors.values()) {
                ByteBuffer buf = ByteBuffer.allocate(t.data().length * width).order(ByteOrder.LITTLE_ENDIAN);
                for (float f : t.data()) {
                    switch (dtype) {
                        case "F32" -> buf.putFloat(f);
                        case "F16" -> buf.putShort(Float.floatToFloat16(f));
                        default -> buf.putShort(toBf16(f));
                    }
                }
                out.write(buf.array());
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static short toBf16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) return (short) ((bits >>> 16) | 0x40);
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
