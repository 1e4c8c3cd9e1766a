package dev.engram.core.extract.offline;

import dev.engram.core.domain.Message;
import dev.engram.core.domain.Scope;
import dev.engram.core.extract.Extraction;
import dev.engram.core.extract.ExtractionRequest;
import dev.engram.core.extract.Fact;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fixed clock, zone and defaults shared by the offline extractor tests. */
final class Conversations {

    /** Wednesday 10 May 2023, noon UTC. */
    static final Instant WEDNESDAY = Instant.parse("2023-05-10T12:00:00Z");
    static final ZoneId UTC = ZoneOffset.UTC;

    static final Map<String, String> DEFAULT_CATEGORIES = defaults();

    private static final OfflineExtractor EXTRACTOR = new OfflineExtractor();

    private Conversations() {
    }

    static List<Fact> userSays(String content) {
        return extract(Scope.user("u1"), null, DEFAULT_CATEGORIES, Message.user(content).at(WEDNESDAY)).facts();
    }

    static List<String> textsOf(String content) {
        return userSays(content).stream().map(Fact::text).toList();
    }

    static Fact only(String content) {
        List<Fact> facts = userSays(content);
        if (facts.size() != 1) throw new AssertionError("expected one fact from '" + content + "' but got " + facts);
        return facts.get(0);
    }

    static Extraction extract(Scope scope, String instructions, Map<String, String> categories, Message... messages) {
        return EXTRACTOR.extract(new ExtractionRequest(List.of(messages), scope, WEDNESDAY, UTC, instructions, categories));
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("personal_details", "Personal information like name, age, location and relationships");
        m.put("family", "Family members, partners, children and pets");
        m.put("professional_details", "Work, career, employer and job title");
        m.put("sports", "Sports played or followed");
        m.put("travel", "Trips, travel plans and places visited");
        m.put("food", "Food and drink, diets and restaurants");
        m.put("music", "Music, instruments and artists");
        m.put("health", "Health conditions, allergies, fitness and wellbeing");
        m.put("technology", "Technology, software, programming and gadgets");
        m.put("hobbies", "Hobbies and pastimes");
        m.put("fashion", "Clothing, style and brands");
        m.put("entertainment", "Movies, TV shows, books and games");
        m.put("milestones", "Life events and achievements");
        m.put("user_preferences", "Likes, dislikes and preferences");
        m.put("misc", "Anything else");
        return Map.copyOf(m);
    }
}
