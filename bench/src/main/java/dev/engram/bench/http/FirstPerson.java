package dev.engram.bench.http;

import java.util.Map;

/**
 * Turns a synthetic memory ("Lives in Berlin since May 2021", "住在上海，2020年搬过去的") into what a user would say
 * ("I live in Berlin since May 2021", "我住在上海，2020年搬过去的"), the input of an inferred add.
 */
final class FirstPerson {

    private static final Map<String, String> VERBS = Map.ofEntries(Map.entry("Lives", "live"), Map.entry("Works", "work"),
            Map.entry("Loves", "love"), Map.entry("Dislikes", "dislike"), Map.entry("Has", "have"), Map.entry("Is", "am"),
            Map.entry("Plans", "plan"), Map.entry("Prefers", "prefer"), Map.entry("Took", "took"), Map.entry("Went", "went"));

    private FirstPerson() {
    }

    static String of(String memory) {
        int space = memory.indexOf(' ');
        if (space > 0) {
            String verb = VERBS.get(memory.substring(0, space));
            if (verb != null) return "I " + verb + memory.substring(space) + ".";
        }
        boolean chinese = memory.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return chinese ? "我" + memory : "I remember: " + memory;
    }
}
