package io.gatehouse.fivem.protocol.form;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDataTest {

    @Test
    void decodesPairsPlusAndPercent() {
        FormData f = FormData.decode("method=initConnect&name=John+Doe&x=%41%2b%2F");
        assertThat(f.get("method")).contains("initConnect");
        assertThat(f.get("name")).contains("John Doe");
        assertThat(f.get("x")).contains("A+/");
        assertThat(f.keys()).containsExactly("method", "name", "x");
    }

    @Test
    void keysArePercentDecodedToo() {
        assertThat(FormData.decode("a%62c=1").get("abc")).contains("1");
    }

    @Test
    void laterDuplicateWins() {
        assertThat(FormData.decode("a=1&a=2").get("a")).contains("2");
    }

    @Test
    void stopsAtPairWithoutEqualsOrWithEmptyKeyKeepingEarlierPairs() {
        // the key search runs to the next '=' anywhere, so a pair without '=' swallows the next key, as in FXServer
        assertThat(FormData.decode("a=1&b&c=3").get("b&c")).contains("3");
        assertThat(FormData.decode("a=1&b").keys()).containsExactly("a");
        assertThat(FormData.decode("a=1&=2&c=3").keys()).containsExactly("a");
        assertThat(FormData.decode("noequals").size()).isZero();
    }

    @Test
    void emptyValueEndsDecoding() {
        assertThat(FormData.decode("a=1&b=").keys()).containsExactly("a");
        assertThat(FormData.decode("a=&b=2").size()).isZero();
        assertThat(FormData.decode("a=1&b=&c=3").keys()).containsExactly("a");
    }

    @Test
    void trailingAmpersandIsHarmless() {
        assertThat(FormData.decode("a=1&").keys()).containsExactly("a");
    }

    @Test
    void valueMayContainEquals() {
        assertThat(FormData.decode("data={\"a\"=1}").get("data")).contains("{\"a\"=1}");
    }

    @Test
    void badEscapesStopDecodingThatFieldButKeepIt() {
        // '%' with fewer than two characters after it: decoded up to the escape
        assertThat(FormData.decode("a=xy%4").get("a")).contains("xy");
        assertThat(FormData.decode("a=xy%").get("a")).contains("xy");
        // no hex digit at all: std::stoi throws, decoding of the field stops
        assertThat(FormData.decode("a=xy%zz9&b=2").get("a")).contains("xy");
        assertThat(FormData.decode("a=xy%zz9&b=2").get("b")).contains("2");
        // std::stoi reads a leading hex digit and ignores the rest
        assertThat(FormData.decode("a=%4g").raw("a")).containsExactly(0x04);
        // and accepts a sign: "-1" becomes (char)-1
        assertThat(FormData.decode("a=%-1").raw("a")).containsExactly(0xFF);
    }

    @Test
    void rawBytesArePreservedAndGetRepairsUtf8() {
        FormData f = FormData.decode("n=%C3%A9&bad=%C3");
        assertThat(f.get("n")).contains("é");
        assertThat(f.raw("bad")).containsExactly(0xC3);
        assertThat(f.get("bad")).contains("\uFFFD");
        assertThat(f.get("missing")).isEmpty();
        assertThat(f.raw("missing")).isNull();
    }

    @Test
    void toStringNeverShowsValues() {
        assertThat(FormData.decode("token=secret-token").toString()).doesNotContain("secret");
    }

    @Test
    void sizeLimitConstant() {
        assertThat(FormData.MAX_CLIENT_ENDPOINT_REQUEST_SIZE).isEqualTo(102400);
    }

    @Test
    void encoderSortsKeysAndUsesClientUrlEncode() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("protocol", "12");
        fields.put("name", "Jo Doe+~é");
        fields.put("method", "initConnect");
        fields.put("cfxTicket2", "ab+/=");
        String body = FormEncoder.encode(fields);
        assertThat(body).isEqualTo("cfxTicket2=ab%2b%2f%3d&method=initConnect&name=Jo+Doe%2b~%c3%a9&protocol=12");
        FormData back = FormData.decode(body.getBytes(StandardCharsets.US_ASCII));
        assertThat(back.get("name")).contains("Jo Doe+~é");
        assertThat(back.get("cfxTicket2")).contains("ab+/=");
    }
}
