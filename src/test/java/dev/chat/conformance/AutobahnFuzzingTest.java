package dev.chat.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import me.normanmaurer.maven.autobahntestsuite.AutobahnTestSuite;
import org.jboss.logging.Logger;
import org.python.util.PythonInterpreter;
import org.junit.jupiter.api.Test;

/**
 * Runs Autobahn|Testsuite's fuzzing client against the echo endpoint, which runs with the
 * product's WebSocket settings, and fails on any case the suite grades as non-conformant.
 */
@QuarkusTest
class AutobahnFuzzingTest {

    private static final Logger LOG = Logger.getLogger(AutobahnFuzzingTest.class);
    private static final String AGENT = "chat";
    private static final Path INDEX = Path.of("target/autobahntestsuite-reports/index.json");

    private static final List<String> CASES = List.of("1.*", "2.*", "3.*", "4.*", "5.*", "6.*", "7.*", "10.*");
    private static final List<String> EXCLUDED = List.of();

    @TestHTTPResource("/conformance/echo")
    URI echo;

    @Test
    void everyCaseIsConformant() throws Exception {
        preferPythonIoModule();
        long started = System.nanoTime();
        AutobahnTestSuite.runFuzzingClient(AGENT, "ws://" + echo.getHost() + ":" + echo.getPort() + echo.getPath(),
                Map.of(), CASES, EXCLUDED);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;

        FuzzingReport report = FuzzingReport.read(INDEX, AGENT);
        LOG.infof("Autobahn: %d cases in %d s, %s; non-strict %s; informational %s", report.cases().size(), seconds,
                report.tally(), report.idsWith("NON-STRICT"), report.idsWith("INFORMATIONAL"));

        assertTrue(report.cases().size() > 0, "the fuzzing client ran no case");
        assertEquals("", report.failures().stream().map(Object::toString).collect(Collectors.joining("\n")),
                "non-conformant cases, details in target/autobahntestsuite-reports");
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
