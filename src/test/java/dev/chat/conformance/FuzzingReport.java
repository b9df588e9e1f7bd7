package dev.chat.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The fuzzing client's index.json for one agent: one verdict per case. */
record FuzzingReport(List<CaseResult> cases) {

    /** Autobahn grades the exchange (behavior) and the closing handshake (behaviorClose) separately. */
    record CaseResult(String id, String behavior, String behaviorClose, long durationMillis, Long remoteCloseCode) {

        /** OK, NON-STRICT and INFORMATIONAL are conformant; anything else is not. */
        boolean conformant() {
            return acceptable(behavior) && acceptable(behaviorClose);
        }

        private static boolean acceptable(String verdict) {
            return verdict.equals("OK") || verdict.equals("NON-STRICT") || verdict.equals("INFORMATIONAL");
        }
    }

    static FuzzingReport read(Path indexJson, String agent) throws IOException {
        JsonNode byCase = new ObjectMapper().readTree(indexJson.toFile()).path(agent);
        List<CaseResult> cases = new ArrayList<>();
        byCase.fields().forEachRemaining(entry -> {
            JsonNode c = entry.getValue();
            cases.add(new CaseResult(entry.getKey(), c.path("behavior").asText(), c.path("behaviorClose").asText(),
                    c.path("duration").asLong(), c.hasNonNull("remoteCloseCode") ? c.get("remoteCloseCode").asLong() : null));
        });
        cases.sort(Comparator.comparing(CaseResult::id, FuzzingReport::compareCaseIds));
        return new FuzzingReport(List.copyOf(cases));
    }

    List<CaseResult> failures() {
        return cases.stream().filter(c -> !c.conformant()).toList();
    }

    List<String> idsWith(String behavior) {
        return cases.stream().filter(c -> c.behavior().equals(behavior)).map(CaseResult::id).toList();
    }

    /** Counts per verdict of the exchange, e.g. {OK=290, NON-STRICT=4}; a failed close counts as FAILED. */
    Map<String, Long> tally() {
        return cases.stream().collect(Collectors.groupingBy(
                c -> c.conformant() ? c.behavior() : "FAILED", TreeMap::new, Collectors.counting()));
    }

    private static int compareCaseIds(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int cmp = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (cmp != 0) {
                return cmp;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
