package dev.chronoscope.engine.api;

import java.util.List;

/**
 * Renders chat messages into one prompt. A simple role-tagged format: without a model-specific Jinja
 * template (which needs the real tokenizer's files) this keeps roles apart and ends with the assistant's turn.
 */
final class ChatTemplate {

    record Message(String role, String content) {}

    String render(List<Message> messages) {
        StringBuilder prompt = new StringBuilder();
        for (Message m : messages) {
            prompt.append("<|").append(m.role()).append("|>\n").append(m.content()).append('\n');
        }
        return prompt.append("<|assistant|>\n").toString();
    }
}
