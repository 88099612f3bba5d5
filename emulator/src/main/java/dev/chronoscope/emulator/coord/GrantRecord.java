package dev.chronoscope.emulator.coord;

/** One decision of the coordinator: client {@code clientId} may run at global virtual time {@code time}. */
public record GrantRecord(long time, int clientId, String clientName) {

    @Override
    public String toString() {
        return time + " -> " + clientName + "#" + clientId;
    }
}
