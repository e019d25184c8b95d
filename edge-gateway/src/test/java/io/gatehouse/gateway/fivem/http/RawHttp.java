package io.gatehouse.gateway.fivem.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A tiny HTTP/1.1 client over a raw socket, for tests where the exact bytes and their timing matter. */
final class RawHttp {

    record Chunk(String data, long arrivedNanos) {
    }

    record Response(int status, Map<String, String> headers, String body, List<Chunk> chunks) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    static Socket connect(String localAddress, String host, int port) throws IOException {
        Socket socket = new Socket();
        if (localAddress != null) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        }
        socket.connect(new InetSocketAddress(host, port), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Sends one request on a new connection from {@code localAddress} and reads the whole response. */
    static Response exchange(String localAddress, int port, String request) throws IOException {
        try (Socket socket = connect(localAddress, "127.0.0.1", port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        }
    }

    static Response get(String localAddress, int port, String path, String... extraHeaders) throws IOException {
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: test\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return exchange(localAddress, port, request.append("Connection: close\r\n\r\n").toString());
    }

    static Response postForm(String localAddress, int port, String path, String form) throws IOException {
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        return exchange(localAddress, port, "POST " + path + " HTTP/1.1\r\nHost: test\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n" + form);
    }

    /** Reads status, headers and a chunked or length-delimited body, timing each chunk's arrival. */
    static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        List<Chunk> chunks = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            while (true) {
                String sizeLine = line(in);
                long arrived = System.nanoTime();
                int size = Integer.parseInt(sizeLine.trim(), 16);
                if (size == 0) {
                    line(in);
                    break;
                }
                byte[] data = in.readNBytes(size);
                line(in);
                body.write(data);
                chunks.add(new Chunk(new String(data, StandardCharsets.UTF_8), arrived));
            }
        } else if (headers.containsKey("content-length")) {
            body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else {
            body.write(in.readAllBytes());
        }
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8), chunks);
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (EOF or reset) within the socket's read timeout. */
    static boolean closedByServer(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }
}
