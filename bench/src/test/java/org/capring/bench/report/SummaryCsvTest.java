package org.capring.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class SummaryCsvTest {
    @Test
    void render_parametersAndAllocation_areJoinedQuotedAndExact() throws ReportException {
        final String json = """
            [{"benchmark": "org.capring.bench.call.CapringCall.echo", "mode": "avgt",
              "params": {"callers": "100", "shape": "a,\\"b\\""},
              "primaryMetric": {"scoreUnit": "us/op", "rawData": [[1.0, 3.0], [4.0]]},
              "secondaryMetrics": {"gc.alloc.rate.norm": {"scoreUnit": "B/op", "rawData": [[24.0], [24.0]]}}},
             {"benchmark": "org.capring.bench.call.GrpcCall.echo", "mode": "avgt",
              "params": {"callers": "100", "shape": "a,\\"b\\""},
              "primaryMetric": {"scoreUnit": "us/op", "rawData": [[9.0]]}}]
            """;

        final String csv = SummaryCsv.render(RowGroup.of(JmhResultParser.parse(json, "inline").rows()));

        assertEquals(List.of(
            "measure,variant,params,subject,unit,forks,min,median,max,alloc,better",
            "call,echo,\"callers=100;shape=a,\"\"b\"\"\",CapringCall,us/op,2,2,3,4,24,lower",
            "call,echo,\"callers=100;shape=a,\"\"b\"\"\",GrpcCall,us/op,1,9,9,9,,lower"),
            csv.lines().toList());
    }
}
