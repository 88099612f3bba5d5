package dev.chronoscope.engine.worker;

import dev.chronoscope.engine.dist.TcpGroupTransport;
import dev.chronoscope.engine.dist.TcpMesh;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker process of the multi-process executor: {@code WorkerMain <controlPort> <worldRank>}.
 * Connects back to the executor, joins the TCP mesh of its peers, loads its shard, then serves
 * commands until told to close or until the executor's connection ends.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: WorkerMain <controlPort> <worldRank>");
            System.exit(2);
        }
        int controlPort = Integer.parseInt(args[0]);
        int rank = Integer.parseInt(args[1]);
        try (Socket control = new Socket(InetAddress.getLoopbackAddress(), controlPort);
             ServerSocket meshServer = TcpMesh.listen()) {
            control.setTcpNoDelay(true);
            var in = new DataInputStream(new BufferedInputStream(control.getInputStream()));
            var out = new DataOutputStream(new BufferedOutputStream(control.getOutputStream()));
            out.writeInt(rank);
            out.writeInt(meshServer.getLocalPort());
            out.flush();
            WorkerSpec spec = WorkerWire.readSpec(in);
            int[] ports = WorkerWire.readInts(in);
            List<Integer> portList = new ArrayList<>();
            for (int p : ports) portList.add(p);
            ModelRunner runner;
            TcpMesh mesh = null;
            try {
                mesh = TcpMesh.connect(rank, meshServer, portList);
                runner = spec.startRank(rank, new TcpGroupTransport(mesh, spec.tensorGroup(rank)),
                        new TcpGroupTransport(mesh, spec.pipelineGroup(rank)));
            } catch (Exception e) {
                WorkerWire.writeError(out, e);
                if (mesh != null) mesh.close();
                System.exit(1);
                return;
            }
            WorkerWire.writeOk(out);
            out.writeLong(runner.weightBytes());
            out.flush();
            serve(runner, in, out);
            runner.close();
            mesh.close();
        } catch (IOException e) {
            // the executor closed its connection or went away: nothing is left to serve
            System.exit(3);
        }
    }

    private static void serve(ModelRunner runner, DataInputStream in, DataOutputStream out) throws Exception {
        while (true) {
            byte command = in.readByte();
            if (command == WorkerWire.CLOSE) {
                runner.synchronize();
                WorkerWire.writeOk(out);
                out.flush();
                return;
            }
            try {
                switch (command) {
                    case WorkerWire.PROFILE -> {
                        int blockSize = in.readInt();
                        double util = in.readDouble();
                        int maxTokens = in.readInt();
                        int blocks = runner.profileNumKvBlocks(blockSize, util, maxTokens);
                        WorkerWire.writeOk(out);
                        out.writeInt(blocks);
                    }
                    case WorkerWire.INIT_KV -> {
                        runner.initializeKvCache(in.readInt(), in.readInt());
                        WorkerWire.writeOk(out);
                    }
                    case WorkerWire.EXECUTE -> {
                        var request = WorkerWire.readStep(in);
                        StepResult result = runner.execute(request.step(), request.wantLogits());
                        WorkerWire.writeOk(out);
                        WorkerWire.writeResult(out, result);
                    }
                    default -> throw new IllegalStateException("unknown command " + command);
                }
                out.flush();
            } catch (RuntimeException e) {
                WorkerWire.writeError(out, e);
            }
        }
    }
}
