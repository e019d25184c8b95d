package io.gatehouse.auth.fivem.admission;

import java.util.Objects;

/** What an {@link AdmissionHook} decided: {@code deferrals.done()} or {@code deferrals.done(reason)}. */
public sealed interface AdmissionVerdict {

    AdmissionVerdict ACCEPT = new Accept();

    static AdmissionVerdict accept() {
        return ACCEPT;
    }

    /** The player sees {@code reason} as {@code {"error":"<reason>"}}. */
    static AdmissionVerdict reject(String reason) {
        return new Reject(reason);
    }

    record Accept() implements AdmissionVerdict {
    }

    record Reject(String reason) implements AdmissionVerdict {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
