package org.aiguilleur.agi;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads calls run on. Each call blocks on its socket between commands, so calls want one
 * thread each: virtual threads on Java 24 and later, platform threads before. (Asterisk-Java's
 * channel reads its socket inside a {@code synchronized} method, which pins a virtual thread to
 * its carrier before Java 24, JEP 491.) The code is compiled for Java 17, so the virtual-thread
 * executor is looked up at run time.
 */
final class CallThreads {
    /** The first Java release whose virtual threads do not pin inside {@code synchronized}. */
    static final int VIRTUAL_FROM = 24;
    /** Platform threads get a small stack: a call's own frames are few. */
    private static final long PLATFORM_STACK = 256 * 1024;

    private CallThreads() {
    }

    static boolean virtual() {
        return Runtime.version().feature() >= VIRTUAL_FROM;
    }

    static ExecutorService create() {
        if (virtual()) {
            try {
                return (ExecutorService) MethodHandles.publicLookup()
                        .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                                MethodType.methodType(ExecutorService.class))
                        .invokeExact();
            } catch (Throwable e) {
                // Not expected on 24+; platform threads still serve every call.
                return platform();
            }
        }
        return platform();
    }

    private static ExecutorService platform() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(null, r, "agi-call-" + n.incrementAndGet(), PLATFORM_STACK);
            t.setDaemon(true);
            return t;
        };
        return Executors.newCachedThreadPool(factory);
    }
}
