package dev.chronoscope.engine.api;

/** A request the API refuses, with the HTTP status and the OpenAI error body fields it answers with. */
final class ApiException extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;

    ApiException(int status, String type, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
    }

    static ApiException badRequest(String message, String param) {
        return new ApiException(400, "BadRequestError", message, param);
    }

    static ApiException notFound(String message, String param) {
        return new ApiException(404, "NotFoundError", message, param);
    }

    int status() { return status; }

    String type() { return type; }

    String param() { return param; }
}
