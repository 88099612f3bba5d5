package dev.chronoscope.engine.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscope.engine.executor.SamplingParams;
import dev.chronoscope.engine.executor.ScheduledSequence;
import dev.chronoscope.engine.executor.StepInput;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The control protocol between a multi-process executor and its worker processes: a command byte
 * and its arguments; each reply starts with a status byte (0 = ok, 1 = error followed by a message).
 */
public final class WorkerWire {
    public static final byte PROFILE = 1, INIT_KV = 2, EXECUTE = 3, CLOSE = 4;
    private static final byte OK = 0, ERROR = 1;
    private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private WorkerWire() {}

    public static void writeSpec(DataOutputStream out, WorkerSpec spec) throws IOException {
        writeBytes(out, JSON.writeValueAsBytes(spec));
    }

    public static WorkerSpec readSpec(DataInputStream in) throws IOException {
        return JSON.readValue(readBytes(in), WorkerSpec.class);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return b;
    }

    public static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) out.writeInt(v);
    }

    public static int[] readInts(DataInputStream in) throws IOException {
        int[] v = new int[in.readInt()];
        for (int i = 0; i < v.length; i++) v[i] = in.readInt();
        return v;
    }

    public static void writeStep(DataOutputStream out, StepInput step, boolean wantLogits) throws IOException {
        out.writeLong(step.stepIndex());
        out.writeBoolean(wantLogits);
        out.writeInt(step.sequences().size());
        for (ScheduledSequence s : step.sequences()) {
            writeBytes(out, s.requestId().getBytes(StandardCharsets.UTF_8));
            writeInts(out, s.tokenIds());
            out.writeInt(s.numComputedTokens());
            writeInts(out, s.blockTable());
            out.writeBoolean(s.sample());
            SamplingParams p = s.sampling();
            out.writeDouble(p.temperature());
            out.writeDouble(p.topP());
            out.writeInt(p.topK());
            out.writeLong(p.seed());
        }
    }

    /** A step and whether logits were asked for. */
    public record StepRequest(StepInput step, boolean wantLogits) {}

    public static StepRequest readStep(DataInputStream in) throws IOException {
        long index = in.readLong();
        boolean logits = in.readBoolean();
        int n = in.readInt();
        List<ScheduledSequence> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = new String(readBytes(in), StandardCharsets.UTF_8);
            int[] tokens = readInts(in);
            int computed = in.readInt();
            int[] table = readInts(in);
            boolean sample = in.readBoolean();
            SamplingParams p = new SamplingParams(in.readDouble(), in.readDouble(), in.readInt(), in.readLong());
            seqs.add(new ScheduledSequence(id, tokens, computed, table, sample, p));
        }
        return new StepRequest(new StepInput(index, seqs), logits);
    }

    public static void writeResult(DataOutputStream out, StepResult r) throws IOException {
        out.writeInt(r.sampledTokens().size());
        for (var e : r.sampledTokens().entrySet()) {
            writeBytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            out.writeInt(e.getValue());
        }
        out.writeInt(r.logits().size());
        for (var e : r.logits().entrySet()) {
            writeBytes(out, e.getKey().getBytes(StandardCharsets.UTF_8));
            out.writeInt(e.getValue().length);
            for (float f : e.getValue()) out.writeFloat(f);
        }
    }

    public static StepResult readResult(DataInputStream in) throws IOException {
        Map<String, Integer> tokens = new LinkedHashMap<>();
        int n = in.readInt();
        for (int i = 0; i < n; i++) tokens.put(new String(readBytes(in), StandardCharsets.UTF_8), in.readInt());
        Map<String, float[]> logits = new LinkedHashMap<>();
        int m = in.readInt();
        for (int i = 0; i < m; i++) {
            String id = new String(readBytes(in), StandardCharsets.UTF_8);
            float[] row = new float[in.readInt()];
            for (int j = 0; j < row.length; j++) row[j] = in.readFloat();
            logits.put(id, row);
        }
        return new StepResult(tokens, logits);
    }

    public static void writeOk(DataOutputStream out) throws IOException { out.writeByte(OK); }

    public static void writeError(DataOutputStream out, Throwable t) throws IOException {
        out.writeByte(ERROR);
        writeBytes(out, String.valueOf(t).getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads a reply's status; an error reply becomes an exception naming {@code who}. */
    public static void readStatus(DataInputStream in, String who) throws IOException {
        byte status = in.readByte();
        if (status == ERROR) throw new WorkerFailedException(who + " failed: " + new String(readBytes(in), StandardCharsets.UTF_8));
        if (status != OK) throw new IOException(who + ": unexpected reply status " + status);
    }

    /** A worker process reported a failure. */
    public static final class WorkerFailedException extends RuntimeException {
        public WorkerFailedException(String message) { super(message); }
    }
}
