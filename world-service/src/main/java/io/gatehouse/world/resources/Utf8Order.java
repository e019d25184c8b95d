package io.gatehouse.world.resources;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/** Byte-wise UTF-8 ordering: what {@code std::string operator<} (std::set, std::map, std::sort) gives FXServer. */
final class Utf8Order {

    static final Comparator<String> COMPARATOR = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private Utf8Order() {}
}
