package dev.engram.core.reconcile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementMarkersTest {

    @ParameterizedTest
    @ValueSource(strings = {"User switched to oat milk", "User no longer plays squash", "User takes the train instead",
        "User changed the wedding date to June", "用户把早饭改成燕麦了", "用户换成了电动车", "用户不再喝可乐", "用户不喝可乐了"})
    void changesAreRecognised(String text) {
        assertThat(StatementMarkers.signalsChange(text)).isTrue();
        assertThat(StatementMarkers.signalsRestatement(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"User still hates olives", "User is allergic to shellfish again", "用户还是不吃香菜", "用户依然每天跑步"})
    void restatementsAreRecognised(String text) {
        assertThat(StatementMarkers.signalsRestatement(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"User likes olives", "User plays squash on Sundays", "用户喜欢喝茶", "用户受不了吵闹"})
    void plainStatementsCarryNoMarker(String text) {
        assertThat(StatementMarkers.signalsChange(text)).isFalse();
        assertThat(StatementMarkers.signalsRestatement(text)).isFalse();
    }

    @Test
    void numbersDifferIgnoresDates() {
        assertThat(StatementMarkers.numbersDiffer("User's team has 8 people", "User's team has 12 people")).isTrue();
        assertThat(StatementMarkers.numbersDiffer("团队八个人", "团队十二个人")).isTrue();
        assertThat(StatementMarkers.numbersDiffer("On 2024-03-02 User ran 10 km", "User ran 10 km on 2024-05-01")).isFalse();
        assertThat(StatementMarkers.numbersDiffer("User likes tea", "User drinks 3 cups of tea")).isFalse();
    }
}
