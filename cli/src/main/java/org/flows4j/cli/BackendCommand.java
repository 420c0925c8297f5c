package org.flows4j.cli;

import java.util.concurrent.Callable;
import org.flows4j.training.BackendReport;
import picocli.CommandLine.Command;

/** Prints the ND4J backend, device, data type and threads in use. */
@Command(name = "backend", description = "Print the ND4J backend, device, data type and threads in use.")
final class BackendCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        BackendReport r = BackendReport.current();
        System.out.println("backend:  " + r.backend());
        System.out.println("device:   " + r.device());
        System.out.println("dtype:    " + r.dataType());
        System.out.println("threads:  " + r.threads());
        System.out.println("blas:     " + r.blas());
        if (!r.notice().isEmpty()) {
            System.out.println(r.notice());
        }
        return 0;
    }
}
