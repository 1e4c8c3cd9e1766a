package dev.engram.core.extract.offline;

import java.util.List;
import java.util.Map;

/**
 * English and Chinese keywords for Mem0's 15 default categories. English keywords match whole words (with a plural or
 * -ing/-ed ending); Chinese keywords match as substrings.
 */
final class CategoryLexicon {

    static final String MISC = "misc";

    static final Map<String, List<String>> KEYWORDS = Map.ofEntries(
        Map.entry("personal_details", List.of(
            "name", "called", "age", "years old", "born", "birthday", "live", "lives", "living", "moved", "move",
            "relocated", "from", "hometown", "address", "based in", "nationality", "citizen", "speak", "language",
            "名字", "叫", "岁", "生日", "住", "搬", "老家", "出生", "国籍", "家乡", "来自", "定居")),
        Map.entry("family", List.of(
            "wife", "husband", "son", "daughter", "kid", "kids", "child", "children", "mother", "mom", "mum", "father",
            "dad", "parent", "brother", "sister", "sibling", "family", "grandma", "grandmother", "grandpa",
            "grandfather", "aunt", "uncle", "cousin", "baby", "married", "partner", "girlfriend", "boyfriend", "fiance",
            "fiancee", "dog", "cat", "pet", "puppy", "kitten",
            "妻子", "老婆", "丈夫", "老公", "儿子", "女儿", "孩子", "妈妈", "母亲", "爸爸", "父亲", "父母", "哥哥", "姐姐", "弟弟", "妹妹",
            "家人", "家庭", "奶奶", "爷爷", "外婆", "外公", "宝宝", "结婚", "女朋友", "男朋友", "对象", "狗", "猫", "宠物")),
        Map.entry("professional_details", List.of(
            "work", "job", "company", "employer", "career", "engineer", "developer", "manager", "office", "colleague",
            "boss", "promoted", "promotion", "salary", "profession", "team", "startup", "client", "project", "hired",
            "joined", "intern", "internship", "business", "meeting", "resume", "interview", "freelance",
            "工作", "公司", "上班", "职业", "工程师", "同事", "老板", "升职", "入职", "程序员", "项目", "客户", "面试", "实习", "加班",
            "跳槽", "辞职", "创业", "团队")),
        Map.entry("sports", List.of(
            "sport", "football", "soccer", "basketball", "tennis", "baseball", "volleyball", "running", "marathon",
            "gym", "workout", "yoga", "swim", "swimming", "cycling", "ski", "skiing", "golf", "badminton", "boxing",
            "climbing", "surfing", "match", "athlete", "exercise", "fitness", "jog", "jogging",
            "运动", "足球", "篮球", "网球", "跑步", "健身", "游泳", "瑜伽", "马拉松", "羽毛球", "乒乓球", "滑雪", "骑行", "锻炼", "比赛")),
        Map.entry("travel", List.of(
            "travel", "trip", "vacation", "holiday", "flight", "visit", "visited", "abroad", "tour", "journey",
            "hotel", "beach", "backpacking", "passport", "itinerary", "destination", "cruise",
            "旅行", "旅游", "出差", "度假", "机票", "酒店", "出国", "签证", "行程", "景点", "自驾")),
        Map.entry("food", List.of(
            "food", "eat", "eating", "cook", "cooking", "restaurant", "vegetarian", "vegan", "pizza", "sushi", "coffee",
            "tea", "spicy", "dish", "meal", "breakfast", "lunch", "dinner", "cuisine", "bake", "baking", "recipe",
            "chocolate", "wine", "beer", "fruit", "meat", "seafood", "noodles", "dessert",
            "吃", "菜", "餐厅", "咖啡", "茶", "辣", "素食", "火锅", "美食", "早餐", "午餐", "晚餐", "做饭", "烹饪", "甜点", "面条", "饺子",
            "水果", "喝")),
        Map.entry("music", List.of(
            "music", "song", "songs", "band", "guitar", "piano", "violin", "drum", "drums", "concert", "sing",
            "singing", "jazz", "rock", "pop", "classical", "album", "spotify", "playlist", "musician",
            "音乐", "歌", "吉他", "钢琴", "小提琴", "演唱会", "乐队", "唱歌", "专辑", "爵士", "摇滚")),
        Map.entry("health", List.of(
            "health", "healthy", "allergic", "allergy", "allergies", "sick", "ill", "illness", "diabetes", "medication",
            "medicine", "hospital", "sleep", "insomnia", "diet", "pain", "injury", "injured", "surgery", "therapy",
            "anxiety", "depression", "asthma", "blood pressure", "pregnant", "symptom", "disease", "doctor", "headache",
            "健康", "过敏", "生病", "医院", "药", "失眠", "感冒", "发烧", "手术", "疼", "痛", "糖尿病", "高血压", "怀孕", "抑郁", "焦虑",
            "体检", "睡眠", "减肥")),
        Map.entry("technology", List.of(
            "technology", "tech", "programming", "code", "coding", "software", "computer", "react", "typescript",
            "javascript", "java", "python", "rust", "golang", "kotlin", "ai", "app", "phone", "iphone", "android",
            "laptop", "linux", "windows", "mac", "macbook", "database", "cloud", "api", "framework", "developer",
            "development", "github", "machine learning", "gadget",
            "编程", "代码", "软件", "电脑", "开发", "技术", "手机", "人工智能", "框架", "数据库", "算法", "前端", "后端")),
        Map.entry("hobbies", List.of(
            "hobby", "hobbies", "hiking", "hike", "reading", "painting", "photography", "gaming", "garden",
            "gardening", "chess", "knitting", "drawing", "fishing", "camping", "collecting", "crafts", "woodworking",
            "pottery", "writing", "blogging", "diy", "lego", "puzzle", "puzzles",
            "爱好", "兴趣", "徒步", "爬山", "阅读", "看书", "摄影", "画画", "钓鱼", "下棋", "露营", "收藏", "手工", "园艺", "书法")),
        Map.entry("fashion", List.of(
            "clothes", "clothing", "fashion", "dress", "dresses", "shoes", "sneakers", "style", "outfit", "wear",
            "wearing", "jacket", "shirt", "jeans", "brand", "makeup", "jewelry", "handbag",
            "衣服", "时尚", "穿", "鞋", "裙子", "外套", "品牌", "化妆", "包包", "首饰", "穿搭")),
        Map.entry("entertainment", List.of(
            "movie", "movies", "film", "films", "tv", "show", "shows", "series", "netflix", "game", "games",
            "video game", "anime", "book", "books", "novel", "novels", "podcast", "theater", "theatre", "comedy",
            "cinema", "youtube", "manga", "comic", "comics",
            "电影", "电视剧", "综艺", "游戏", "动漫", "小说", "漫画", "剧", "节目", "播客", "话剧", "追剧")),
        Map.entry("milestones", List.of(
            "graduated", "graduation", "wedding", "engaged", "married", "born", "promoted", "retired", "retirement",
            "anniversary", "bought a house", "new job", "first job", "birth", "degree", "diploma", "award",
            "毕业", "结婚", "婚礼", "订婚", "退休", "出生", "买房", "升职", "学位", "获奖", "纪念日", "第一份工作")),
        Map.entry("user_preferences", List.of(
            "like", "likes", "love", "loves", "prefer", "prefers", "preference", "favorite", "favourite", "hate",
            "dislike", "enjoy", "enjoys", "fan of", "into", "rather", "can't stand", "not a fan",
            "喜欢", "偏好", "讨厌", "最爱", "爱", "不喜欢", "倾向", "更喜欢", "习惯", "受不了")));

    /**
     * Words that name a default category as a topic ("health information", "饮食"), so custom instructions can refer to
     * a whole category.
     */
    static final Map<String, List<String>> LABELS = Map.ofEntries(
        Map.entry("personal_details", List.of("personal", "biography", "个人", "个人信息")),
        Map.entry("family", List.of("family", "families", "relatives", "家庭", "家人", "亲人")),
        Map.entry("professional_details", List.of("professional", "work", "career", "job", "jobs", "工作", "职业", "职场")),
        Map.entry("sports", List.of("sport", "sports", "运动", "体育")),
        Map.entry("travel", List.of("travel", "travels", "trips", "旅行", "旅游", "出行")),
        Map.entry("food", List.of("food", "foods", "diet", "dietary", "eating", "饮食", "食物", "美食")),
        Map.entry("music", List.of("music", "音乐")),
        Map.entry("health", List.of("health", "medical", "healthcare", "wellbeing", "健康", "医疗", "病史")),
        Map.entry("technology", List.of("technology", "tech", "technical", "技术", "科技")),
        Map.entry("hobbies", List.of("hobby", "hobbies", "pastimes", "爱好", "兴趣")),
        Map.entry("fashion", List.of("fashion", "clothing", "style", "时尚", "穿搭", "服装")),
        Map.entry("entertainment", List.of("entertainment", "娱乐")),
        Map.entry("milestones", List.of("milestone", "milestones", "里程碑")),
        Map.entry("user_preferences", List.of("preference", "preferences", "likes", "偏好", "喜好")));

    private CategoryLexicon() {
    }
}
