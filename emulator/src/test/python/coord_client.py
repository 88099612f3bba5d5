#!/usr/bin/env python3
"""A Chronoscope coordination client in plain Python (standard library only).

It speaks the protocol of docs/coordination.md: 4-byte big-endian length-prefixed UTF-8 JSON
frames over TCP. Run as a script it registers, blocks at each requested virtual time in turn
(a "time jump"), prints every grant, and says GOODBYE at its last grant:

    coord_client.py --port P --token T --name py --id 1 --wakes 100,250,1000

With --recv GROUP,FROM,TO,BYTES it also receives one point-to-point transfer (a pipeline stage's
activations) at its first grant: it arrives as the receiving end of send_recv #0 from global rank
FROM to TO, waits until the transfer has ended in virtual time, and prints its start and end.

Port, token, name and id default to the launcher's CHRONOSCOPE_COORD_* environment variables.

Exit status: 0 on success, 1 if the run failed (the coordinator's reason goes to stderr).
"""
import argparse
import json
import os
import socket
import struct
import sys
import threading

PROTOCOL_VERSIONS = [1]
NO_WAKE_UP = None


class CoordinationError(Exception):
    """The coordinator refused us or failed the run; the message says why."""


class CoordClient:
    def __init__(self, host, port, token, name, client_id=None, pid=None, connect_timeout=10.0):
        self._sock = socket.create_connection((host, port), timeout=connect_timeout)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._send_lock = threading.Lock()
        self._seen = 0  # GRANT + COLLECTIVE_DONE frames received: echoed in BLOCKED
        self.done = {}  # (group, seq, rank) -> (start, end) of every completed collective
        hello = {"type": "HELLO", "versions": PROTOCOL_VERSIONS, "token": token, "name": name,
                 "pid": os.getpid() if pid is None else pid}
        if client_id is not None:
            hello["id"] = client_id
        self._send(hello)
        reply = self._read()
        if reply["type"] == "REFUSED":
            raise CoordinationError("refused: " + reply["reason"])
        if reply["type"] != "WELCOME":
            raise CoordinationError("expected WELCOME, got " + json.dumps(reply))
        self.client_id = reply["clientId"]
        self.version = reply["version"]
        self._sock.settimeout(reply["timeoutMillis"] / 1000.0)
        self._stop = threading.Event()
        interval = reply["heartbeatMillis"] / 1000.0
        self._heartbeat = threading.Thread(target=self._beat, args=(interval,), daemon=True)
        self._heartbeat.start()

    def _beat(self, interval):
        while not self._stop.wait(interval):
            try:
                self._send({"type": "HEARTBEAT"})
            except OSError:
                return

    def _send(self, message):
        payload = json.dumps(message, separators=(",", ":")).encode("utf-8")
        with self._send_lock:
            self._sock.sendall(struct.pack(">I", len(payload)) + payload)

    def _read_exactly(self, n):
        data = bytearray()
        while len(data) < n:
            chunk = self._sock.recv(n - len(data))
            if not chunk:
                raise CoordinationError("coordinator closed the connection")
            data.extend(chunk)
        return bytes(data)

    def _read(self):
        """The next frame other than HEARTBEAT; ERROR frames raise."""
        while True:
            try:
                (length,) = struct.unpack(">I", self._read_exactly(4))
                message = json.loads(self._read_exactly(length).decode("utf-8"))
            except socket.timeout:
                raise CoordinationError("coordinator stopped answering")
            if message["type"] == "ERROR":
                raise CoordinationError(message["message"])
            if message["type"] != "HEARTBEAT":
                return message

    def arrive(self, group, seq, op, nbytes, rank, ranks, arrival, members=None):
        """Reports that this process's rank reached a collective; a send/recv is op "send_recv" of
        ranks 2 (rank 0 sends, rank 1 receives) with members [sender, receiver] (global ranks)."""
        message = {"type": "COLLECTIVE_ARRIVE", "group": group, "seq": seq, "op": op, "bytes": nbytes,
                   "rank": rank, "ranks": ranks, "arrival": arrival}
        if members is not None:
            message["members"] = members
        self._send(message)

    def await_grant(self, earliest_wake_up):
        """Blocks this process until the coordinator grants it; returns the granted virtual time (ns).
        A collective that completes meanwhile is recorded in done, and the process reports again,
        now waking at the collective's end at the latest."""
        wake = earliest_wake_up
        self._send({"type": "BLOCKED", "wake": wake, "seen": self._seen})
        while True:
            message = self._read()
            if message["type"] == "GRANT":
                self._seen += 1
                return message["time"]
            if message["type"] == "COLLECTIVE_DONE":
                self._seen += 1
                self.done[(message["group"], message["seq"], message["rank"])] = (message["start"], message["end"])
                wake = message["end"] if wake is None else min(wake, message["end"])
                self._send({"type": "BLOCKED", "wake": wake, "seen": self._seen})
                continue
            raise CoordinationError("unexpected while blocked: " + json.dumps(message))

    def finish(self, final_time):
        self._send({"type": "GOODBYE", "finalTime": final_time})
        self.close()

    def close(self):
        self._stop.set()
        self._sock.close()


def main():
    env = os.environ
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=env.get("CHRONOSCOPE_COORD_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=env.get("CHRONOSCOPE_COORD_PORT"))
    parser.add_argument("--token", default=env.get("CHRONOSCOPE_COORD_TOKEN"))
    parser.add_argument("--name", default=env.get("CHRONOSCOPE_COORD_NAME"))
    parser.add_argument("--id", type=int, default=env.get("CHRONOSCOPE_COORD_ID"))
    parser.add_argument("--wakes", required=True, help="comma-separated virtual times in ns")
    parser.add_argument("--recv", help="GROUP,FROM,TO,BYTES: receive send_recv #0 from rank FROM at the first grant")
    args = parser.parse_args()
    for required in ("port", "token", "name"):
        if getattr(args, required) is None:
            parser.error("--%s or CHRONOSCOPE_COORD_%s is required" % (required, required.upper()))
    try:
        client = CoordClient(args.host, args.port, args.token, args.name, args.id)
        granted = None
        for i, wake in enumerate(int(w) for w in args.wakes.split(",")):
            granted = client.await_grant(wake)
            print("GRANT", granted, flush=True)
            if i == 0 and args.recv:
                group, sender, receiver, nbytes = args.recv.split(",")
                client.arrive(group, 0, "send_recv", int(nbytes), 1, 2, granted, [int(sender), int(receiver)])
                granted = client.await_grant(NO_WAKE_UP)
                start, end = client.done[(group, 0, 1)]
                print("RECEIVED", start, end, flush=True)
                print("GRANT", granted, flush=True)
        client.finish(granted)
    except (CoordinationError, OSError) as e:
        print("coordination failed:", e, file=sys.stderr, flush=True)
        return 1
    print("GOODBYE", granted, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
