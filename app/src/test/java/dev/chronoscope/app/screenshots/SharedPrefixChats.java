package dev.chronoscope.app.screenshots;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A ShareGPT file of chats that start with one of three long system prompts (a support bot, a
 * code reviewer, a travel planner), then a question of its own; replies of varied length. Made
 * from fixed text, so every run of the screenshots sees the same workload.
 */
final class SharedPrefixChats {
    private static final String[] SYSTEM = {
            "You are the support assistant of a hosting company. Be precise, name the setting to change, and link the page of the manual. ",
            "You review pull requests for a Java team. Point at the line, say what breaks and why, and propose the smallest fix. ",
            "You plan train journeys across Europe. Prefer direct trains, give departure times in local time, and mention seat reservations. "};
    private static final String[] TOPICS = {"the DNS records", "a failing build", "the night train", "the backup schedule",
            "a race condition", "the connection in Munich", "the TLS certificate", "an unused import", "a rail pass"};

    private SharedPrefixChats() {}

    static String json(int n) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode chats = mapper.createArrayNode();
        for (int i = 0; i < n; i++) {
            String system = SYSTEM[i % SYSTEM.length].repeat(4);
            String question = "Question " + i + ": what should I know about " + TOPICS[i % TOPICS.length] + "?"
                    + " Please explain it step by step.".repeat(1 + i % 5);
            String reply = ("Here is what to check about " + TOPICS[(i * 7) % TOPICS.length] + ". ").repeat(2 + (i * 5) % 9);
            ObjectNode chat = chats.addObject();
            ArrayNode turns = chat.putArray("conversations");
            turns.addObject().put("from", "human").put("value", system + question);
            turns.addObject().put("from", "gpt").put("value", reply);
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(chats);
    }
}
