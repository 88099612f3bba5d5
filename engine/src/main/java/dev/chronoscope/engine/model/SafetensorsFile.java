package dev.chronoscope.engine.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a .safetensors file: an 8-byte little-endian header length, a JSON header mapping names to
 * {@code {dtype, shape, data_offsets}}, then little-endian tensor data. F32, F16 and BF16 tensors
 * are read as floats. Errors name the file, the tensor and the byte offset.
 */
public final class SafetensorsFile {

    /** One tensor's entry in the header; offsets are absolute positions in the file. */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {
        public long elements() {
            long n = 1;
            for (long d : shape) n *= d;
            return n;
        }
    }

    private final Path path;
    private final Map<String, Entry> entries;

    private SafetensorsFile(Path path, Map<String, Entry> entries) {
        this.path = path;
        this.entries = entries;
    }

    public static SafetensorsFile open(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new ModelConfigException(path + ": truncated: " + size + " bytes, no header length at byte 0");
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0);
            long headerLen = len.flip().getLong();
            if (headerLen <= 0 || headerLen > size - 8 || headerLen > 100_000_000) {
                throw new ModelConfigException(path + ": header length " + headerLen + " at byte 0 does not fit a file of " + size + " bytes");
            }
            ByteBuffer header = ByteBuffer.allocate((int) headerLen);
            readFully(ch, header, 8);
            JsonNode root;
            try {
                root = new ObjectMapper().readTree(header.array());
            } catch (JsonProcessingException e) {
                throw new ModelConfigException(path + ": header JSON invalid at byte " + (8 + e.getLocation().getByteOffset())
                        + ": " + e.getOriginalMessage(), e);
            }
            return new SafetensorsFile(path, parseEntries(path, root, 8 + headerLen, size));
        } catch (IOException e) {
            throw new ModelConfigException(path + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static Map<String, Entry> parseEntries(Path path, JsonNode root, long dataStart, long fileSize) {
        if (root == null || !root.isObject()) throw new ModelConfigException(path + ": header is not a JSON object");
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            if (name.equals("__metadata__")) continue;
            JsonNode t = field.getValue();
            String where = path + ": tensor '" + name + "'";
            JsonNode dtype = t.get("dtype"), shape = t.get("shape"), offsets = t.get("data_offsets");
            if (dtype == null || !dtype.isTextual()) throw new ModelConfigException(where + ": missing 'dtype'");
            if (shape == null || !shape.isArray()) throw new ModelConfigException(where + ": missing 'shape'");
            if (offsets == null || !offsets.isArray() || offsets.size() != 2) {
                throw new ModelConfigException(where + ": 'data_offsets' must be [begin, end]");
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) dims[i] = shape.get(i).asLong();
            long begin = dataStart + offsets.get(0).asLong(), end = dataStart + offsets.get(1).asLong();
            Entry e = new Entry(name, dtype.asText(), dims, begin, end);
            int width = elementBytes(e, where);
            if (begin > end || end > fileSize) {
                throw new ModelConfigException(where + ": data bytes [" + begin + ", " + end + ") lie outside the file of " + fileSize + " bytes");
            }
            if ((end - begin) != e.elements() * width) {
                throw new ModelConfigException(where + ": " + (end - begin) + " data bytes at byte " + begin + " do not hold shape "
                        + java.util.Arrays.toString(dims) + " of " + e.dtype());
            }
            entries.put(name, e);
        }
        return entries;
    }

    private static int elementBytes(Entry e, String where) {
        return switch (e.dtype()) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> throw new ModelConfigException(where + ": unsupported dtype '" + e.dtype() + "' (F32, F16, BF16 are read)");
        };
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) throw new IOException("unexpected end of file at byte " + pos);
            pos += n;
        }
    }

    public Path path() { return path; }

    public Map<String, Entry> entries() { return entries; }

    /** The tensor's elements as floats, in row-major order. */
    public float[] read(String name) {
        Entry e = entries.get(name);
        if (e == null) throw new ModelConfigException(path + ": no tensor '" + name + "'");
        long bytes = e.end() - e.begin();
        if (bytes > Integer.MAX_VALUE) throw new ModelConfigException(path + ": tensor '" + name + "' is too large to read at once");
        ByteBuffer buf = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            readFully(ch, buf, e.begin());
        } catch (IOException ex) {
            throw new ModelConfigException(path + ": cannot read tensor '" + name + "' at byte " + e.begin() + ": " + ex.getMessage(), ex);
        }
        buf.flip();
        float[] out = new float[(int) e.elements()];
        switch (e.dtype()) {
            case "F32" -> buf.asFloatBuffer().get(out);
            case "F16" -> { for (int i = 0; i < out.length; i++) out[i] = Float.float16ToFloat(buf.getShort()); }
            case "BF16" -> { for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16); }
            default -> throw new IllegalStateException(e.dtype());
        }
        return out;
    }
}
