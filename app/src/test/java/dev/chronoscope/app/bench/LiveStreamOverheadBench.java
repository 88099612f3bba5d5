package dev.chronoscope.app.bench;

import dev.chronoscope.app.runs.emulate.ChronoscopeHome;
import dev.chronoscope.emulator.stream.event.StreamEvent;
import dev.chronoscope.emulator.stream.sink.LiveDetail;
import dev.chronoscope.emulator.stream.sink.StreamListener;
import dev.chronoscope.emulator.stream.sink.StreamServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What streaming every event live costs an emulation: {@code chronoscope emulate} (llama-3-8b,
 * 1×H100-SXM, 100 random prompts at 8 req/s) run alternately without and with {@code --live-port}
 * to a {@link StreamServer} that decodes every event ({@link LiveDetail#ALL}, as the workbench
 * subscribes), N times each; prints emulate's own wall time per run and the medians.
 * Args: [runs per kind, default 5]. Needs the packaged installation under -Dchronoscope.home.
 */
public final class LiveStreamOverheadBench {
    private static final Pattern EMULATED = Pattern.compile("Emulated ([0-9.]+) s of virtual time in ([0-9.]+) s of wall time");

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ChronoscopeHome home = ChronoscopeHome.fromSystemProperty();
        Path dir = Files.createTempDirectory("chronoscope-live-bench");
        List<Double> plain = new ArrayList<>(), live = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            for (boolean streamed : new boolean[]{false, true}) {
                AtomicLong received = new AtomicLong();
                try (StreamServer server = StreamServer.start(LiveDetail.ALL, new StreamListener() {
                    @Override public void onEvent(String source, StreamEvent event) { received.incrementAndGet(); }
                })) {
                    List<String> a = new ArrayList<>(List.of("--model", "llama-3-8b", "--gpu", "h100-sxm", "--num-prompts", "100",
                            "--request-rate", "8", "--out", dir.resolve("run-" + i + (streamed ? "-live" : "")).toString()));
                    if (streamed) a.addAll(List.of("--live-port", String.valueOf(server.port())));
                    Process p = new ProcessBuilder(home.emulateCommand(a)).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    int status = p.waitFor();
                    Matcher m = EMULATED.matcher(out);
                    if (status != 0 || !m.find()) throw new IllegalStateException("emulate exited with " + status + ":\n" + out);
                    double wall = Double.parseDouble(m.group(2));
                    (streamed ? live : plain).add(wall);
                    System.out.printf(Locale.ROOT, "%-5s virtual %s s, wall %.2f s%s%n", streamed ? "live" : "plain", m.group(1), wall,
                            streamed ? String.format(Locale.ROOT, ", %,d events received live", received.get()) : "");
                }
            }
        }
        System.out.printf(Locale.ROOT, "median wall: plain %.2f s, live %.2f s (%d runs each)%n", median(plain), median(live), runs);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
