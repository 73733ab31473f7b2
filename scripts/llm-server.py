"""A local OpenAI-compatible model server for the tests: llama.cpp's own server (xllamacpp).

    python3 scripts/llm-server.py MODEL.gguf PORT [SLOTS]

Listens on 127.0.0.1:PORT until killed. One thread, so the tests' timings do not depend on the
machine's core count; SLOTS requests decode at once (default 4), each with a 4096-token context.
"""

import sys
import time

import xllamacpp

model, port = sys.argv[1], int(sys.argv[2])
slots = int(sys.argv[3]) if len(sys.argv) > 3 else 4

params = xllamacpp.CommonParams()
params.model.path = model
params.hostnames = ["127.0.0.1"]
params.port = port
params.n_parallel = slots
params.n_ctx = 4096 * slots  # split between the slots
params.cpuparams.n_threads = 1
params.cpuparams_batch.n_threads = 1
params.use_jinja = True  # the model's own chat template; needed for response_format

server = xllamacpp.Server(params)
print("listening on", server.listening_address, flush=True)
while True:
    time.sleep(3600)
