#!/usr/bin/env python3
"""Webhook receiver for the dispatch benchmark: answers 204 to every call and records, per call,
its arrival time and the event's occurred_at (from the payload), so the benchmark can report
events per second and the delivery lag (event created -> receiver got it).

usage: webhook_receiver.py PORT OUT_FILE
Every line of OUT_FILE is "arrival_epoch_s occurred_epoch_s" (written about once a second).
asyncio with a hand-rolled HTTP/1.1 keep-alive parser rather than http.server: the service sends
thousands of calls a second and a thread per connection in Python would be the bottleneck.
"""
import asyncio
import datetime
import re
import sys
import time

port, out_path = int(sys.argv[1]), sys.argv[2]
OCCURRED = re.compile(rb'"occurred_at"\s*:\s*"([^"]+)"')
ANSWER = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"
lines = []


def epoch(text):
    return datetime.datetime.fromisoformat(text.decode().replace("Z", "+00:00")).timestamp()


async def serve(reader, writer):
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for h in head.split(b"\r\n"):
                if h[:15].lower() == b"content-length:":
                    length = int(h[15:])
            body = await reader.readexactly(length) if length else b""
            arrived = time.time()
            m = OCCURRED.search(body)
            lines.append(f"{arrived:.6f} {epoch(m.group(1)) if m else float('nan'):.6f}\n")
            writer.write(ANSWER)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def flush():
    with open(out_path, "a") as out:
        while True:
            await asyncio.sleep(1)
            batch = lines[:]
            del lines[: len(batch)]
            out.writelines(batch)
            out.flush()


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", port, backlog=512)
    asyncio.get_running_loop().create_task(flush())
    async with server:
        await server.serve_forever()


asyncio.run(main())
