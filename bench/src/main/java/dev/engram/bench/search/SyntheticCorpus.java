package dev.engram.bench.search;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic memories and queries for the search benchmark: short facts of the kind an extractor writes
 * (where someone lives, works, what they like, dated events), in English and Chinese, spread over many users so
 * searches are scoped like real ones. The same seed always yields the same corpus.
 */
public final class SyntheticCorpus {

    /** One memory: whose it is and its text. */
    public record Item(String userId, String text) {
    }

    /** One search: the user it is scoped to and the query. */
    public record Query(String userId, String text) {
    }

    private static final List<String> CITIES = List.of("Berlin", "Lisbon", "Toronto", "Osaka", "Melbourne", "Nairobi",
            "Austin", "Seoul", "Dublin", "Bogotá", "Warsaw", "Vancouver", "Lyon", "Hanoi", "Oslo", "Cape Town");
    private static final List<String> JOBS = List.of("data analyst", "nurse", "backend developer", "teacher", "architect",
            "accountant", "product manager", "chef", "mechanical engineer", "graphic designer", "pharmacist", "lawyer");
    private static final List<String> COMPANIES = List.of("Routewise", "Finch Payments", "Bosch", "a small bakery",
            "the city hospital", "a logistics startup", "a law firm", "a design studio", "the university", "Siemens");
    private static final List<String> FOODS = List.of("spicy ramen", "lentil curry", "sourdough bread", "sushi", "tacos",
            "dark chocolate", "green tea", "oat milk lattes", "mushroom risotto", "pho", "falafel", "cheesecake");
    private static final List<String> PETS = List.of("cat", "dog", "rabbit", "parrot", "hamster", "tortoise");
    private static final List<String> PET_NAMES = List.of("Mochi", "Biscuit", "Sunny", "Pip", "Bruno", "Pixel", "Luna", "Olive");
    private static final List<String> HOBBIES = List.of("trail running", "rock climbing", "watercolour painting",
            "playing the piano", "birdwatching", "chess", "pottery", "salsa dancing", "photography", "gardening");
    private static final List<String> PLACES = List.of("the flea market", "a jazz concert", "the dentist",
            "a friend's wedding", "the science museum", "a cooking class", "the zoo", "a football match");
    private static final List<String> PEOPLE = List.of("Anna", "Tom", "Priya", "Kenji", "Lucía", "Omar", "Grace", "Mateo",
            "their sister", "their partner", "a colleague", "their dad");
    private static final List<String> WHEN = List.of("most weekends", "every Friday", "after work", "when it rains",
            "on holidays", "twice a month");
    private static final List<String> ZH_PEOPLE = List.of("老婆", "老公", "同事", "妈妈", "朋友小王", "室友", "女儿", "哥哥");
    private static final List<String> ZH_CITIES = List.of("上海", "杭州", "成都", "深圳", "南京", "厦门", "西安", "青岛", "武汉", "长沙");
    private static final List<String> ZH_JOBS = List.of("产品经理", "程序员", "中学老师", "护士", "会计", "建筑设计师", "律师", "厨师");
    private static final List<String> ZH_COMPANIES = List.of("字节跳动", "阿里巴巴", "一家外贸公司", "银行", "医院", "设计工作室");
    private static final List<String> ZH_FOODS = List.of("火锅", "麻婆豆腐", "小笼包", "牛肉面", "铁观音", "煎饺", "酸菜鱼", "烤鸭");
    private static final List<String> ZH_PETS = List.of("猫", "狗", "兔子", "仓鼠");
    private static final List<String> ZH_PET_NAMES = List.of("土豆", "旺财", "元宝", "糖糖", "豆豆", "咪咪");
    private static final List<String> ZH_HOBBIES = List.of("徒步", "摄影", "游泳", "弹钢琴", "书法", "钓鱼", "跑步", "下围棋");
    private static final List<String> ZH_PLACES = List.of("迪士尼", "博物馆", "茶博会", "音乐节", "动物园", "演唱会");

    private static final List<String> EN_QUERIES = List.of("Where does the user live?", "What is the user's job?",
            "What food does the user like?", "Does the user have a pet?", "What are the user's hobbies?",
            "What did the user do recently?", "Where does the user work?", "What does the user dislike?");
    private static final List<String> ZH_QUERIES = List.of("用户住在哪里？", "用户做什么工作？", "用户喜欢吃什么？", "用户养了什么宠物？",
            "用户有什么爱好？", "用户最近去了哪里？", "用户在哪家公司上班？", "用户不喜欢什么？");

    private final long seed;
    private final int users;

    public SyntheticCorpus(long seed, int users) {
        if (users < 1) throw new IllegalArgumentException("users must be positive");
        this.seed = seed;
        this.users = users;
    }

    public int users() {
        return users;
    }

    public static String userId(int user) {
        return "bench-user-" + user;
    }

    /** The i-th memory; memories are dealt round-robin over the users, and every third user writes Chinese. */
    public Item item(long i) {
        var r = new SplittableRandom(seed ^ (i * 0x9E3779B97F4A7C15L));
        int user = (int) (i % users);
        return new Item(userId(user), user % 3 == 2 ? chinese(r) : english(r));
    }

    /** The i-th query, scoped to a user chosen at random; its language follows the user's. */
    public Query query(long i) {
        var r = new SplittableRandom(~seed ^ (i * 0xC2B2AE3D27D4EB4FL));
        int user = r.nextInt(users);
        return new Query(userId(user), user % 3 == 2 ? pick(r, ZH_QUERIES) : pick(r, EN_QUERIES));
    }

    private static String english(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> "Lives in " + pick(r, CITIES) + " since " + month(r);
            case 1 -> "Works as a " + pick(r, JOBS) + " at " + pick(r, COMPANIES);
            case 2 -> "Loves " + pick(r, FOODS) + " and has it " + pick(r, WHEN) + " with " + pick(r, PEOPLE);
            case 3 -> "Dislikes " + pick(r, FOODS) + " since " + month(r) + "; never suggest it";
            case 4 -> "Has a " + pick(r, PETS) + " named " + pick(r, PET_NAMES) + ", adopted in " + month(r);
            case 5 -> "Took up " + pick(r, HOBBIES) + " in " + month(r) + " with " + pick(r, PEOPLE);
            case 6 -> "Went to " + pick(r, PLACES) + " on " + date(r) + " with " + pick(r, PEOPLE);
            case 7 -> "Plans to visit " + pick(r, CITIES) + " in " + month(r) + " with " + pick(r, PEOPLE);
            case 8 -> "Is allergic to " + pick(r, List.of("peanuts", "cats", "pollen", "shellfish", "penicillin"))
                    + ", diagnosed in " + year(r);
            default -> "Prefers " + pick(r, HOBBIES) + " over " + pick(r, HOBBIES) + " " + pick(r, WHEN);
        };
    }

    private static String chinese(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> "住在" + pick(r, ZH_CITIES) + "，" + year(r) + "年搬过去的";
            case 1 -> "在" + pick(r, ZH_COMPANIES) + "做" + pick(r, ZH_JOBS);
            case 2 -> "很喜欢吃" + pick(r, ZH_FOODS) + "，常和" + pick(r, ZH_PEOPLE) + "一起去" + pick(r, ZH_CITIES) + "的老店";
            case 3 -> "不喜欢" + pick(r, ZH_FOODS) + "，" + year(r) + "年以后就不吃了";
            case 4 -> year(r) + "年" + (1 + r.nextInt(12)) + "月养了一只叫" + pick(r, ZH_PET_NAMES) + "的" + pick(r, ZH_PETS);
            case 5 -> year(r) + "年" + (1 + r.nextInt(12)) + "月开始和" + pick(r, ZH_PEOPLE) + "学" + pick(r, ZH_HOBBIES);
            case 6 -> date(r) + "和" + pick(r, ZH_PEOPLE) + "去了" + pick(r, ZH_PLACES);
            case 7 -> "计划" + year(r) + "年" + (1 + r.nextInt(12)) + "月和" + pick(r, ZH_PEOPLE) + "去" + pick(r, ZH_CITIES) + "旅游";
            case 8 -> "对" + pick(r, List.of("花粉", "海鲜", "猫毛", "花生")) + "过敏，" + year(r) + "年查出来的";
            default -> "周末最喜欢和" + pick(r, ZH_PEOPLE) + "一起" + pick(r, ZH_HOBBIES);
        };
    }

    private static String pick(SplittableRandom r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String month(SplittableRandom r) {
        return java.time.Month.of(1 + r.nextInt(12)).getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH)
                + " " + year(r);
    }

    private static int year(SplittableRandom r) {
        return 2019 + r.nextInt(6);
    }

    private static LocalDate date(SplittableRandom r) {
        return LocalDate.of(2022, 1, 1).plusDays(r.nextInt(1000));
    }
}
