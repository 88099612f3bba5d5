package dev.chronoscope.engine.core.request;

/** Why a request ended, with the OpenAI API's spelling. */
public enum FinishReason {
    /** The model produced its end-of-sequence token. */
    STOP("stop"),
    /** max_tokens reached, or the sequence hit max_model_len. */
    LENGTH("length"),
    /** Cancelled by the client. */
    ABORT("abort"),
    /** The engine failed while running it. */
    ERROR("error");

    private final String apiName;

    FinishReason(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() { return apiName; }
}
