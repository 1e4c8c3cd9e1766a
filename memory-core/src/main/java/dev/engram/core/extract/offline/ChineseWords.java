package dev.engram.core.extract.offline;

import java.util.List;

/** The small Chinese lexicon: predicates that make a clause a full statement, and subject pronouns. */
final class ChineseWords {

    /** Predicates (verbs, and adverbs that only precede one). Longer entries first so prefixes match greedily. */
    static final List<String> PREDICATES = List.of(
        "喜欢", "偏好", "讨厌", "工作", "上班", "打算", "计划", "准备", "结婚", "离婚", "订婚", "毕业", "出生", "参加",
        "加入", "开始", "改成", "改为", "觉得", "使用", "过敏", "学习", "搬到", "搬去", "定居", "生活", "养了", "正在", "已经", "最近",
        "经常", "每天", "一直", "现在", "目前", "刚刚", "需要", "希望", "想要", "擅长", "负责", "担任", "退休", "入职",
        "住", "在", "是", "爱", "有", "养", "搬", "去", "来", "做", "当", "学", "想", "要", "会", "买", "吃", "喝", "看",
        "玩", "打", "读", "开", "叫", "用", "跑", "练", "踢", "弹", "唱", "刚", "也", "还", "不", "没", "对", "怕", "恨",
        "拿", "考", "换", "改", "办", "写", "教", "带", "生", "得", "回");

    /** Subject words whose clause reads on its own. */
    static final List<String> SUBJECTS = List.of("我们", "我的", "我", "咱们", "他们", "她们", "他", "她", "它", "你们", "你", "您");

    private ChineseWords() {
    }

    /** Index of the first predicate in {@code text}, or -1. */
    static int firstPredicate(String text) {
        int best = -1;
        for (String p : PREDICATES) {
            int i = text.indexOf(p);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    static boolean startsWithPredicate(String text) {
        for (String p : PREDICATES) {
            if (text.startsWith(p)) return true;
        }
        return false;
    }

    static boolean startsWithSubject(String text) {
        for (String s : SUBJECTS) {
            if (text.startsWith(s)) return true;
        }
        return false;
    }
}
