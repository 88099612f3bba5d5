package dev.chronoscope.app.runs.emulate;

import dev.chronoscope.app.runs.RunModel;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The workbench's end of the control connection, against a scripted agent on a real loopback socket. */
class ControlConnectionTest {

    private static Socket agent(ControlConnection control) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), control.port());
        s.setSoTimeout(20_000);
        return s;
    }

    @Test
    void onlyTheRunWithTheTokenIsObeyedAndHoldsReachTheModel() throws Exception {
        RunModel model = new RunModel();
        try (ControlConnection control = ControlConnection.open(model);
             Socket stranger = agent(control)) {
            new PrintWriter(stranger.getOutputStream(), true, StandardCharsets.UTF_8).println("hello guess");
            assertThat(stranger.getInputStream().read()).as("a wrong token is hung up on").isEqualTo(-1);
            assertThat(control.isConnected()).isFalse();

            try (Socket agent = agent(control);
                 BufferedReader in = new BufferedReader(new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(agent.getOutputStream(), true, StandardCharsets.UTF_8)) {
                out.println("hello " + control.token());
                CompletableFuture<Long> held = CompletableFuture.supplyAsync(() -> {
                    try {
                        return control.commandAndAwaitHold("run-for 2000000");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(in.readLine()).isEqualTo("run-for 2000000");
                out.println("ok run-for 2000000");
                out.println("held 7000000");
                assertThat(held.get(20, TimeUnit.SECONDS)).isEqualTo(7_000_000);
                assertThat(model.heldAt()).isEqualTo(7_000_000);

                CompletableFuture<Void> refused = CompletableFuture.runAsync(() -> {
                    try {
                        control.command("step");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(in.readLine()).isEqualTo("step");
                out.println("error not now");
                assertThatThrownBy(() -> refused.get(20, TimeUnit.SECONDS)).rootCause()
                        .hasMessage("the run refused 'step': error not now");
            }
            assertThatThrownBy(() -> control.command("resume")).hasMessageContaining("the run has ended");
        }
    }

    @Test
    void commandsToARunThatEndedBeforeConnectingFailAtOnce() {
        try (ControlConnection control = ControlConnection.open(new RunModel())) {
            control.childEnded();
            assertThatThrownBy(() -> control.command("pause")).hasMessageContaining("the run is not under control: the run has ended");
        }
    }
}
