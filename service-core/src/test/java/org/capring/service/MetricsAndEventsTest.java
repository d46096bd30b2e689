package org.capring.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.capring.ring.call.CapException;
import org.capring.schema.echo.EchoProtocol.Echo;
import org.capring.service.event.DrainEvent;
import org.capring.service.event.DrainStartedEvent;
import org.capring.service.event.HandoffEvent;
import org.capring.service.event.LifecycleEvent;
import org.capring.service.metrics.HostMetrics;
import org.capring.service.metrics.MetricsEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics as Prometheus text (through the Prometheus client, in memory and over loopback HTTP) and as HdrHistogram
 * interval logs; JFR events of lifecycle transitions, drains and handoffs, read back from a recording file.
 */
class MetricsAndEventsTest {
    @TempDir
    Path dir;

    /** @return the value of the one exposition line that has every fragment, or -1 if none */
    private static double sample(final String text, final String metric, final String... labels) {
        for (final String line : text.split("\n")) {
            if (!line.startsWith(metric + "{")) {
                continue;
            }
            boolean all = true;
            for (final String label : labels) {
                all &= line.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    @Test
    void metrics_afterCalls_prometheusTextHttpAndIntervalLog() throws Exception {
        final EchoService echo = new EchoService();
        final ServiceHost host = ServiceHost.create(EchoService.config());
        final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("svc", EchoService.EXPORT, echo.instance(1)));
        final ByteArrayOutputStream log = new ByteArrayOutputStream();
        host.metrics().logIntervalsTo(new PrintStream(log, true, StandardCharsets.UTF_8));
        host.start();
        try (ServiceClient client = host.connect("c", r)) {
            final Echo.Client stub = client.await(r, Duration.ofSeconds(10));
            for (int i = 0; i < 3; i++) {
                EchoService.call(stub, i);
            }
            assertThrows(CapException.class, () -> EchoService.call(stub, EchoService.APP_ERROR));

            final String text = host.metrics().scrape();
            assertEquals(4, sample(text, HostMetrics.CALLS + "_total", "service=\"svc\"", "method=\"echo\"",
                "outcome=\"ok\""), text); // three calls and the probe
            assertEquals(1, sample(text, HostMetrics.CALLS + "_total", "service=\"svc\"", "outcome=\"application_error\""),
                text);
            assertEquals(0, sample(text, HostMetrics.IN_FLIGHT, "service=\"svc\"", "method=\"echo\""), text);
            assertEquals(5, sample(text, HostMetrics.LATENCY + "_count", "service=\"svc\"", "method=\"echo\""), text);
            assertTrue(sample(text, HostMetrics.LATENCY, "quantile=\"0.99\"", "method=\"echo\"") > 0, text);
            assertEquals(1, sample(text, HostMetrics.STATE, "service=\"svc\"", "state=\"READY\""), text);
            assertEquals(0, sample(text, HostMetrics.CONTEXTS_OPEN, "service=\"svc\""), text);

            try (MetricsEndpoint endpoint = host.metrics().serveHttp(0)) {
                final HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.uri()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
                assertTrue(response.body().contains(HostMetrics.CALLS + "_total{"), response.body());
                assertTrue(endpoint.uri().getHost().equals("127.0.0.1"), "loopback only: " + endpoint.uri());
            }
        }
        host.stop();

        final HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(log.toByteArray()));
        long recorded = 0;
        EncodableHistogram interval;
        while ((interval = reader.nextIntervalHistogram()) != null) {
            assertEquals("svc.echo", interval.getTag());
            recorded += ((Histogram) interval).getTotalCount();
        }
        assertEquals(5, recorded, "every call's latency in the interval log, once");
    }

    @Test
    void events_lifecycleDrainAndHandoff_recordedByJfr() throws Exception {
        final EchoService echo = new EchoService();
        final Path file = dir.resolve("service.jfr");
        try (Recording recording = new Recording()) {
            for (final String name : List.of(LifecycleEvent.NAME, DrainStartedEvent.NAME, DrainEvent.NAME,
                HandoffEvent.NAME)) {
                recording.enable(name);
            }
            recording.start();
            final ServiceHost host = ServiceHost.create(EchoService.config());
            final Readiness<Echo.Client> r = host.add(ServiceDefinition.of("evt", EchoService.EXPORT,
                echo.instance(1)));
            host.start();
            host.handoff(r, echo.instance(2));
            assertThrows(ServiceException.HandoffFailed.class, () -> host.handoff(r, echo.instance(3, context -> {
                throw new IllegalStateException("no");
            })));
            host.stop();
            recording.stop();
            recording.dump(file);
        }
        final List<String> lifecycle = new ArrayList<>();
        final List<String> handoffs = new ArrayList<>();
        final List<String> drains = new ArrayList<>();
        final List<RecordedEvent> recorded = new ArrayList<>(RecordingFile.readAllEvents(file));
        recorded.sort(Comparator.comparing(RecordedEvent::getStartTime));
        for (final RecordedEvent e : recorded) {
            if (!"evt".equals(e.getString("service"))) {
                continue;
            }
            switch (e.getEventType().getName()) {
                case LifecycleEvent.NAME -> lifecycle.add(e.getInt("instance") + ":" + e.getString("from") + "->"
                    + e.getString("to"));
                case HandoffEvent.NAME -> handoffs.add(e.getString("stage"));
                case DrainStartedEvent.NAME -> drains.add("started " + e.getInt("instance"));
                case DrainEvent.NAME -> drains.add("ended " + e.getInt("instance") + " drained=" + e.getLong("drained"));
                default -> {
                }
            }
        }
        assertTrue(lifecycle.containsAll(List.of("0:NEW->STARTING", "0:STARTING->READY", "0:READY->DRAINING",
            "0:DRAINING->STOPPED", "1:READY->DRAINING", "1:DRAINING->STOPPED", "2:NEW->STARTING",
            "2:STARTING->READY", "3:STARTING->FAILED")), lifecycle.toString());
        assertEquals(List.of("STARTED", "RETARGETED", "OLD_STOPPED", "STARTED", "ABORTED"), handoffs);
        assertTrue(drains.containsAll(List.of("started 1", "ended 1 drained=0", "started 2", "ended 2 drained=0")),
            drains.toString());
    }
}
