package dev.chat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.conformance.FuzzingReport.CaseResult;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.python.util.PythonInterpreter;

/**
 * Runs Autobahn|Testsuite's fuzzing client against the echo endpoint, which runs with the
 * product's WebSocket settings, and fails on any case the suite does not grade as conformant.
 *
 * <p>Groups 12 and 13 test compression, which the product does not offer. Of group 9, only
 * 9.7 and 9.8 (many small messages) run: 9.1 to 9.6 send messages of up to 16 MiB, far past the
 * product's 64 KiB limit, which closes such a connection with 1009 at the frame header (as
 * {@code BadInputTest} shows for the chat endpoint).
 */
@QuarkusTest
class AutobahnFuzzingTest {

    private static final Logger LOG = Logger.getLogger(AutobahnFuzzingTest.class);
    private static final String AGENT = "chat";
    private static final Path INDEX = Path.of("target/autobahntestsuite-reports/index.json");

    private static final List<String> CASES = List.of(
            "1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "9.7.*", "9.8.*", "10.*");

    @TestHTTPResource("/conformance/echo")
    URI echo;

    @Test
    void everyCaseIsConformant() throws Exception {
        preferPythonIoModule();
        Files.deleteIfExists(INDEX);
        long started = System.nanoTime();
        AutobahnTestSuite.runFuzzingClient(AGENT, "ws://" + echo.getHost() + ":" + echo.getPort() + echo.getPath(),
                Map.of(), CASES, List.of());
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        FuzzingReport report = FuzzingReport.read(INDEX, AGENT);
        LOG.infof("Autobahn: %d cases in %d s, graded %s; non-strict %s; informational %s",
                report.cases().size(), seconds, report.tally(), report.idsWith("NON-STRICT"),
                report.idsWith("INFORMATIONAL"));

        assertTrue(report.cases().size() > 200, "the fuzzing client ran only " + report.cases().size() + " cases");
        assertEquals("", describe(report.cases().stream().filter(c -> !c.conformant())),
                "non-conformant cases, details in target/autobahntestsuite-reports");
    }

    private static String describe(Stream<CaseResult> cases) {
        return cases.map(CaseResult::toString).collect(Collectors.joining("\n"));
    }

    /**
     * With Vert.x, Netty and Quarkus on the classpath, Jython resolves Twisted's {@code from io import BytesIO}
     * to the Java package {@code io} unless the Python module is already loaded; interpreters share sys.modules.
     */
    private static void preferPythonIoModule() {
        try (PythonInterpreter python = new PythonInterpreter()) {
            python.exec("import io");
        }
    }
}
