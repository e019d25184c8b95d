package io.gatehouse.fivem.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.fivem.protocol.FivemProtocolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FxJsonTest {

    @Test
    void objectsAreSortedByBytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", "t");
        m.put("sH", true);
        m.put("bitVersion", 1);
        m.put("Z", null);
        assertThat(FxJson.dump(m)).isEqualTo("{\"Z\":null,\"bitVersion\":1,\"sH\":true,\"token\":\"t\"}");
    }

    @Test
    void orderedObjectsKeepInsertionOrder() {
        assertThat(FxJson.dump(new OrderedJsonObject().with("b", 1).with("a", 2))).isEqualTo("{\"b\":1,\"a\":2}");
    }

    @Test
    void escapesLikeNlohmann() {
        assertThat(FxJson.dump("a\"b\\c/d\n\r\t\b\f\u0001\u001f\u007fé😀"))
                .isEqualTo("\"a\\\"b\\\\c/d\\n\\r\\t\\b\\f\\u0001\\u001f\u007fé😀\"");
        assertThat(FxJson.dump("\uD800x")).isEqualTo("\"\uFFFDx\"");
    }

    @Test
    void numbersLikeNlohmann() {
        assertThat(FxJson.dump(List.of(0x202501010000L, -1, 1.5, 100.0, 0.001, 1e100, 1e-5, 0.0)))
                .isEqualTo("[35343302721536,-1,1.5,100.0,0.001,1e+100,1e-05,0.0]");
    }

    @Test
    void parseIsStrictAndNeverEchoesInput() {
        assertThat(FxJson.parse("{\"a\":[1,2]}").get("a").size()).isEqualTo(2);
        assertThatThrownBy(() -> FxJson.parse("{\"a\":1} trailing-secret"))
                .isInstanceOf(FivemProtocolException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> FxJson.parse("")).isInstanceOf(FivemProtocolException.class);
    }

    @Test
    void jacksonNodesAreReDumpedSorted() {
        assertThat(FxJson.dump(FxJson.parse("{\"b\":{\"y\":1,\"x\":[true,null]},\"a\":\"s\"}")))
                .isEqualTo("{\"a\":\"s\",\"b\":{\"x\":[true,null],\"y\":1}}");
    }
}
