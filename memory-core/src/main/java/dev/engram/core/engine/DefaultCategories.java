package dev.engram.core.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mem0's fifteen default memory categories, used when neither the request nor the project names its own. */
public final class DefaultCategories {

    public static final Map<String, String> ALL;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("personal_details", "Name, age, where the person lives, languages, identity");
        m.put("family", "Family members, partners, children, pets, relationships");
        m.put("professional_details", "Job, employer, role, career, education and skills");
        m.put("sports", "Sports played or followed, fitness and exercise");
        m.put("travel", "Trips, destinations, travel plans and preferences");
        m.put("food", "Food and drink, diet, cuisines, restaurants, allergies");
        m.put("music", "Music, artists, instruments, concerts");
        m.put("health", "Health conditions, medication, wellbeing, sleep");
        m.put("technology", "Software, programming languages, devices, tools");
        m.put("hobbies", "Hobbies and pastimes, crafts, games, reading");
        m.put("fashion", "Clothing, style, brands");
        m.put("entertainment", "Films, series, books, games, shows");
        m.put("milestones", "Life events and achievements: moves, graduations, weddings, births");
        m.put("user_preferences", "Likes, dislikes and preferences of any kind");
        m.put("misc", "Anything else worth remembering");
        ALL = Collections.unmodifiableMap(m);
    }

    private DefaultCategories() {
    }
}
