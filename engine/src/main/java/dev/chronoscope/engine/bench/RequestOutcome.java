package dev.chronoscope.engine.bench;

import java.util.List;

/**
 * What happened to one benchmark request, in seconds (vLLM bench's RequestFuncOutput).
 *
 * @param startSeconds  when it was sent, from the benchmark's start
 * @param ttft          time to first token
 * @param itl           gaps between later tokens
 * @param latency       send to last byte
 * @param outputTokens  tokens generated (the server's usage count when it gives one)
 */
public record RequestOutcome(boolean success, int promptLen, int outputTokens, double startSeconds, double ttft,
                             List<Double> itl, double latency, String generatedText, String error) {

    public static RequestOutcome failure(int promptLen, double startSeconds, String error) {
        return new RequestOutcome(false, promptLen, 0, startSeconds, 0, List.of(), 0, "", error);
    }
}
