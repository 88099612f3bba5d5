package dev.chronoscope.engine.executor;

import dev.chronoscope.engine.dist.TcpMesh;
import dev.chronoscope.engine.model.ModelConfig;
import dev.chronoscope.engine.worker.StepChecks;
import dev.chronoscope.engine.worker.StepResult;
import dev.chronoscope.engine.worker.WorkerMain;
import dev.chronoscope.engine.worker.WorkerSpec;
import dev.chronoscope.engine.worker.WorkerWire;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Ranks as child JVMs ({@link WorkerMain} from this JVM's classpath) that talk to each other over a
 * loopback TCP mesh (real all-reduce, all-gather and send/recv) and to this executor over one
 * control connection each. A worker that fails or dies fails the executor, which then stops them all.
 */
public final class MultiprocessExecutor implements ParallelExecutor {
    private static final long START_TIMEOUT_MS = 120_000;

    private final WorkerSpec spec;
    private final List<Process> processes = new ArrayList<>();
    private final Socket[] sockets;
    private final DataInputStream[] in;
    private final DataOutputStream[] out;
    private final long[] weightBytes;
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean broken;
    private int blockSize;

    private MultiprocessExecutor(WorkerSpec spec) {
        this.spec = spec;
        int world = spec.worldSize();
        sockets = new Socket[world];
        in = new DataInputStream[world];
        out = new DataOutputStream[world];
        weightBytes = new long[world];
    }

    static MultiprocessExecutor start(WorkerSpec spec) {
        MultiprocessExecutor ex = new MultiprocessExecutor(spec);
        try {
            ex.launch();
            return ex;
        } catch (IOException | RuntimeException e) {
            ex.kill();
            throw e instanceof RuntimeException re ? re : new UncheckedIOException("starting worker processes failed", (IOException) e);
        }
    }

    private void launch() throws IOException {
        int world = spec.worldSize();
        try (ServerSocket control = TcpMesh.listen()) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            long heapMb = Math.max(256, (2 * spec.deviceCapacityBytes() >> 20) + 256);
            for (int rank = 0; rank < world; rank++) {
                List<String> command = new ArrayList<>(List.of(java));
                command.addAll(inheritedJvmOptions());
                command.addAll(List.of("-Xmx" + heapMb + "m", "-cp", System.getProperty("java.class.path"),
                        WorkerMain.class.getName(), String.valueOf(control.getLocalPort()), String.valueOf(rank)));
                processes.add(new ProcessBuilder(command).inheritIO().start());
            }
            int[] ports = new int[world];
            control.setSoTimeout(500);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
            for (int connected = 0; connected < world; ) {
                Socket s;
                try {
                    s = control.accept();
                } catch (SocketTimeoutException e) {
                    checkAlive();
                    if (System.nanoTime() > deadline) throw new IOException("worker processes did not connect within " + START_TIMEOUT_MS + " ms");
                    continue;
                }
                s.setTcpNoDelay(true);
                var din = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                int rank = din.readInt();
                if (rank < 0 || rank >= world || sockets[rank] != null) throw new IOException("unexpected worker rank " + rank);
                ports[rank] = din.readInt();
                sockets[rank] = s;
                in[rank] = din;
                out[rank] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
                connected++;
            }
            for (int rank = 0; rank < world; rank++) {
                WorkerWire.writeSpec(out[rank], spec);
                WorkerWire.writeInts(out[rank], ports);
                out[rank].flush();
            }
            List<Long> bytes = onAll(rank -> in[rank].readLong());
            for (int r = 0; r < world; r++) weightBytes[r] = bytes.get(r);
        }
    }

    /**
     * This JVM's options (module flags, agents, system properties), so that workers run the same
     * way as the process that starts them; not its heap size, debugger or flight recorder.
     */
    private static List<String> inheritedJvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.startsWith("-Xmx") && !a.startsWith("-agentlib:jdwp") && !a.startsWith("-Xrunjdwp")
                        && !a.startsWith("-XX:StartFlightRecording"))
                .toList();
    }

    private void checkAlive() throws IOException {
        for (int r = 0; r < processes.size(); r++) {
            if (!processes.get(r).isAlive()) throw new IOException("worker rank " + r + " exited with status " + processes.get(r).exitValue());
        }
    }

    /** What to read from one worker after its status byte said ok. */
    private interface Reply<T> {
        T read(int rank) throws IOException;
    }

    /** Waits for every worker's reply; the first failure stops every worker and is thrown. */
    private <T> List<T> onAll(Reply<T> reply) {
        CompletionService<Object[]> done = new ExecutorCompletionService<>(readers);
        for (int r = 0; r < sockets.length; r++) {
            int rank = r;
            done.submit(() -> {
                WorkerWire.readStatus(in[rank], "worker rank " + rank);
                return new Object[]{rank, reply.read(rank)};
            });
        }
        List<T> results = new ArrayList<>(java.util.Collections.nCopies(sockets.length, null));
        for (int i = 0; i < sockets.length; i++) {
            try {
                Object[] r = done.take().get();
                @SuppressWarnings("unchecked") T value = (T) r[1];
                results.set((Integer) r[0], value);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail();
                throw new IllegalStateException("interrupted while waiting for workers", e);
            } catch (ExecutionException e) {
                fail();
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) throw re;
                throw new IllegalStateException("lost a worker process: " + cause, cause);
            }
        }
        return results;
    }

    private void fail() {
        broken = true;
        kill();
    }

    private interface Command {
        void write(DataOutputStream out) throws IOException;
    }

    private void sendAll(Command command) {
        if (broken) throw new IllegalStateException("the executor failed earlier; its workers are stopped");
        try {
            for (DataOutputStream o : out) {
                command.write(o);
                o.flush();
            }
        } catch (IOException e) {
            fail();
            throw new UncheckedIOException("lost a worker process", e);
        }
    }

    @Override
    public ModelConfig config() { return spec.config(); }

    @Override
    public int profileNumKvBlocks(int blockSize, double gpuMemoryUtilization, int maxNumBatchedTokens) {
        sendAll(o -> {
            o.writeByte(WorkerWire.PROFILE);
            o.writeInt(blockSize);
            o.writeDouble(gpuMemoryUtilization);
            o.writeInt(maxNumBatchedTokens);
        });
        return onAll(rank -> in[rank].readInt()).stream().mapToInt(Integer::intValue).min().orElseThrow();
    }

    @Override
    public void initializeKvCache(int numBlocks, int blockSize) {
        this.blockSize = blockSize;
        sendAll(o -> {
            o.writeByte(WorkerWire.INIT_KV);
            o.writeInt(numBlocks);
            o.writeInt(blockSize);
        });
        onAll(rank -> Boolean.TRUE);
    }

    @Override
    public StepOutput execute(StepInput input) {
        return new StepOutput(input.stepIndex(), run(input, false).sampledTokens());
    }

    @Override
    public StepResult executeWithLogits(StepInput input) { return run(input, true); }

    private StepResult run(StepInput input, boolean logits) {
        StepChecks.check(input, spec.config(), blockSize, StepChecks.maxModelLen(spec.config(), spec.runner()));
        sendAll(o -> {
            o.writeByte(WorkerWire.EXECUTE);
            WorkerWire.writeStep(o, input, logits);
        });
        List<StepResult> results = onAll(rank -> WorkerWire.readResult(in[rank]));
        return results.get(spec.worldSize() - spec.tensorParallelSize());
    }

    @Override
    public long[] weightBytesPerRank() { return weightBytes.clone(); }

    @Override
    public void close() {
        if (!broken) {
            try {
                sendAll(o -> o.writeByte(WorkerWire.CLOSE));
                onAll(rank -> Boolean.TRUE);
            } catch (RuntimeException e) {
                broken = true;
            }
        }
        kill();
        readers.shutdownNow();
    }

    /** Closes the connections and waits (bounded) for the workers to exit, then forces them. */
    private void kill() {
        for (Socket s : sockets) {
            if (s == null) continue;
            try {
                s.close();
            } catch (IOException ignored) {
                // the worker is going away anyway
            }
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
