package io.gatehouse.support.roles;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The four services of Gatehouse; a process plays one (split mode) or all (the all-in-one node). */
public enum Role {
    GATEWAY, AUTH, SESSION, WORLD;

    /** Property naming the roles of this process, comma-separated; unset means every role. */
    public static final String PROPERTY = "gatehouse.roles";

    /** Parses {@code gateway,auth} (case-insensitive); blank or {@code all} means every role. */
    public static Set<Role> parse(String value) {
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(Role.class);
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String part : value.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                roles.add(Role.valueOf(name.toUpperCase(Locale.ROOT)));
            }
        }
        return roles;
    }

    public String propertyName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
