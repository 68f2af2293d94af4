"""The wire between the judge and the sandboxed kernel: data only, no pickle.

Both sides run this module (the kernel imports it as `rpc`, beside
runner.py, with no grader package around it: it imports only the standard
library and numpy, and tests/test_wire_and_static_checks.py checks that). A message is a 4-byte length and a JSON object. Values cross as
data: None, bool, int, float, complex, str, bytes, lists, tuples, dicts, and
numpy arrays and scalars of numeric or bool dtype. Anything else stays on
the side that made it and crosses as a handle {"H": id}; the other side
sends it back as {"R": id}, and the owner looks it up in its table. The judge
names a global of the student's notebook as {"N": name}.

Either side may send a request while it waits for its own reply (the kernel
calls a judge function it was given, the judge reads an attribute of a
kernel object meanwhile), so `Connection.request` serves the requests that
arrive while it waits.

What one process would show holds across the wire (tests/test_parity.py):
- arrays, lists and dicts passed as arguments of a call are copied in, and
  copied back out when the callee changed them (written into, keys added,
  removed or replaced): a function that changes its argument is seen to;
- a result that *is* one of the arguments comes back as that very object
  ({"P": index}), so `out is x` and `out is not x` mean what they say;
- a request may carry the caller's numpy error state and warning filters
  ("env"), which the callee applies for that request;
- an exception of a builtin type keeps its type on the other side.
"""

import base64
import contextlib
import json
import math
import socket
import struct
import time

import numpy as np

MAX_MESSAGE = 64 * 2 ** 20
MAX_DEPTH = 64
MAX_HANDLES = 100_000          # proxies one side keeps for the other's objects
MAX_OBJECTS = 200_000          # JSON objects in one message: each costs far more memory than its bytes
DATA_KINDS = "biufc"
# numpy's ordinary dtypes: no long double (float128, complex256), whose results cost twice the memory.
DTYPES = {np.dtype(t).str for t in (np.bool_, np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16,
                                     np.uint32, np.uint64, np.float16, np.float32, np.float64,
                                     np.complex64, np.complex128)}
SCALARS = (type(None), bool, int, float, str)


def is_data(dtype):
    """True for the dtypes that cross as data (bool, integers, floats and complex up to 128 bits)."""
    return dtype.str in DTYPES or dtype.newbyteorder("=").str in DTYPES


class Fatal(Exception):
    """An error that ends the conversation: never sent to the other side as a reply."""


class ProtocolError(Fatal):
    """The other side sent something that is not a message of this protocol."""


class Closed(ProtocolError):
    """The other side is gone."""


class Timeout(Fatal):
    """No reply within the deadline."""


class LimitError(ValueError):
    """A value over one of the wire's limits: the request fails, the conversation goes on."""


class Connection:
    """One end of the wire.

    sock: a connected stream socket. proxy: a callable (conn, id) -> the
    object standing for a handle of the other side. export: a callable
    (obj) -> True if obj may be handed to the other side as a handle (else
    it raises TypeError). handler: a callable (conn, op, args) -> result,
    serving the other side's requests.
    """

    caught = BaseException      # what a request's failure is reported for (the kernel: even Ctrl-C)

    def __init__(self, sock, proxy, handler, export=lambda obj: True):
        self.sock, self.proxy, self.handler, self.export = sock, proxy, handler, export
        self.objects, self.ids, self.proxies = {}, {}, {}
        self.next_id, self.next_request = 1, 1
        self.buffer = b""
        self.deadline = None
        self.tracking = None          # while encoding a request's args: its arrays, lists and dicts, in order
        self.pointers = None          # while encoding a reply: id -> index of the request's arrays, lists, dicts

    # ---- framing ---------------------------------------------------------

    def send(self, message):
        data = json.dumps(message, separators=(",", ":")).encode()
        if len(data) > MAX_MESSAGE:
            raise ValueError(f"a message of {len(data)} bytes is over the limit of {MAX_MESSAGE} bytes")
        self.sock.sendall(struct.pack(">I", len(data)) + data)

    def _fill(self, n):
        while len(self.buffer) < n:
            if self.deadline is not None:
                left = self.deadline - time.monotonic()
                if left <= 0:
                    raise Timeout()
                self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(1 << 20)
            except socket.timeout:
                raise Timeout() from None
            except OSError as exc:
                raise Closed(str(exc)) from None
            if not chunk:
                raise Closed("the other side closed the connection")
            self.buffer += chunk

    def receive(self):
        self._fill(4)
        (n,) = struct.unpack(">I", self.buffer[:4])
        if n > MAX_MESSAGE:
            raise ProtocolError(f"a message of {n} bytes is over the limit of {MAX_MESSAGE} bytes")
        self._fill(4 + n)
        data, self.buffer = self.buffer[4:4 + n], self.buffer[4 + n:]
        count = [0]

        def counted(pairs):
            count[0] += 1
            if count[0] > MAX_OBJECTS:
                raise LimitError(f"a value made of more than {MAX_OBJECTS} parts was sent; "
                                 f"return numbers, lists and arrays of a reasonable size")
            return dict(pairs)

        try:
            # Every JSON object costs a few hundred bytes here: a message that may hold more than
            # MAX_OBJECTS of them ("{}" is 2 bytes) is counted while it is parsed.
            message = json.loads(data, object_pairs_hook=counted) if n > 2 * MAX_OBJECTS else json.loads(data)
        except LimitError:
            raise
        except (ValueError, RecursionError) as exc:
            raise ProtocolError(f"a message is not JSON ({type(exc).__name__})") from None
        if not isinstance(message, dict):
            raise ProtocolError("a message is not a JSON object")
        return message

    # ---- values ----------------------------------------------------------

    def encode(self, value, depth=0, itself=False):
        """value as JSON data; itself: the contents of a mutable value, never a pointer to it."""
        if depth > MAX_DEPTH:
            raise ValueError(f"a value nested more than {MAX_DEPTH} levels deep cannot be passed")
        t = type(value)
        if t in SCALARS:
            return value
        if t in (list, dict, np.ndarray):
            if self.pointers is not None and not itself and id(value) in self.pointers:
                return {"P": self.pointers[id(value)]}
            if self.tracking is not None:
                self.tracking.append(value)
        if t is list:
            return [self.encode(v, depth + 1) for v in value]
        if t is tuple:
            return {"T": [self.encode(v, depth + 1) for v in value]}
        if t is dict:
            return {"D": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in value.items()]}
        if t is range:
            return [int(v) for v in value] if len(value) <= 1_000_000 else self._handle(value)
        if t is complex:
            return {"C": [value.real, value.imag]}
        if t is bytes:
            return {"B": base64.b64encode(value).decode()}
        if t is np.ndarray and is_data(value.dtype):
            return {"A": [value.dtype.str, list(value.shape),
                          base64.b64encode(np.ascontiguousarray(value).tobytes()).decode()]}
        if isinstance(value, np.generic) and is_data(value.dtype):
            return {"S": [value.dtype.str, base64.b64encode(value.tobytes()).decode()]}
        if getattr(value, "_rpc_owner", None) is self:
            name = getattr(value, "_rpc_name", None)
            return {"N": name} if name is not None else {"R": value._rpc_id}
        return self._handle(value)

    def _handle(self, obj):
        if not self.export(obj):
            raise TypeError(f"{type(obj).__name__} objects cannot be passed to the other side")
        key = id(obj)
        if key not in self.ids:
            self.ids[key] = self.next_id
            self.objects[self.next_id] = obj
            self.next_id += 1
        return {"H": self.ids[key]}

    def decode(self, value, received=None, depth=0, sent=None):
        """A value from JSON data. received: collects the arrays, lists and dicts made, in order;
        sent: the arrays, lists and dicts of the request this replies to, for pointers {"P": i}."""
        if depth > MAX_DEPTH:
            raise ProtocolError("a value is nested too deeply")
        if value is None or type(value) in (bool, int, float, str):
            return value
        if type(value) is list:
            out = []
            if received is not None:
                received.append(out)
            out.extend(self.decode(v, received, depth + 1, sent) for v in value)
            return out
        if type(value) is not dict or len(value) != 1:
            raise ProtocolError("a value is not in the protocol's form")
        (tag, body), = value.items()
        if tag == "T":
            return tuple(self.decode(v, received, depth + 1, sent) for v in _list(body))
        if tag == "D":
            out = {}
            if received is not None:
                received.append(out)
            for pair in _list(body):
                if type(pair) is not list or len(pair) != 2:
                    raise ProtocolError("a dict entry is not a pair")
                key = self.decode(pair[0], received, depth + 1, sent)
                try:
                    out[key] = self.decode(pair[1], received, depth + 1, sent)
                except TypeError:
                    raise ProtocolError("a dict key is not hashable") from None
            return out
        if tag == "P":
            if sent is None or type(body) is not int or not 0 <= body < len(sent):
                raise ProtocolError("a pointer to no argument")
            return sent[body]
        if tag == "C":
            re, im = _list(body, 2)
            return complex(float(re), float(im))
        if tag == "B":
            return _b64(body)
        if tag == "A":
            dtype, shape, data = _list(body, 3)
            array = _array(dtype, shape, _b64(data))
            if received is not None:
                received.append(array)
            return array
        if tag == "S":
            dtype, data = _list(body, 2)
            return _array(dtype, [], _b64(data))[()]
        if tag == "H":
            return self._proxy(_int(body))
        if tag == "N":
            if type(body) is not str:
                raise ProtocolError("a name is not a string")
            return self.lookup(body)
        if tag == "R":
            key = _int(body)
            if key not in self.objects:
                raise ProtocolError(f"no object {key} was handed out")
            return self.objects[key]
        raise ProtocolError(f"unknown value tag {tag!r}")

    def _proxy(self, key):
        proxy = self.proxies.get(key)
        if proxy is None:
            if len(self.proxies) >= MAX_HANDLES:
                raise LimitError(f"more than {MAX_HANDLES} distinct objects were handed over; "
                                 f"return numbers, lists and arrays rather than objects")
            proxy = self.proxies[key] = self.proxy(self, key)
        return proxy

    # ---- requests --------------------------------------------------------

    def request(self, op, *args):
        """Ask the other side to do op(*args); serve its requests meanwhile; return the result.

        Arrays, lists and dicts among args that the other side changed are updated in place.
        Raises the exception self.error makes of an error reply.
        """
        rid = self.next_request
        self.next_request += 1
        self.tracking = []
        try:
            encoded = [self.encode(a) for a in args]
            sent = self.tracking
        finally:
            self.tracking = None
        message = {"id": rid, "op": op, "args": encoded}
        env = self.environment(op)
        if env is not None:
            message["env"] = env
        self.send(message)
        while True:
            message = self.receive()
            if "id" in message:
                self.serve(message)
                continue
            if type(message.get("re")) is int and message["re"] < rid:
                continue                      # the late reply to a request abandoned on an interrupt
            if message.get("re") != rid:
                raise ProtocolError("a reply came for a request that was not made")
            back = [(index, self.decode(value, sent=sent)) for index, value in _pairs(message.get("back", []))]
            for index, value in sorted(back, key=lambda b: not isinstance(b[1], np.ndarray)):
                _copy_back(sent, index, value)          # arrays first: a container copied back may hold them
            if "error" in message:
                raise self.error(message["error"])
            return self.decode(message.get("ok"), sent=sent)

    def serve(self, message):
        """Carry out one request of the other side and send the reply."""
        received, before = [], []
        try:
            args = [self.decode(a, received) for a in _list(message.get("args", []))]
            before = [_snapshot(a) for a in received]
            with self.applied(message.get("env")):
                result = self.handler(self, message.get("op"), args)
            self.pointers = {id(a): i for i, a in enumerate(received)}
            reply = {"re": message.get("id"), "ok": self.encode(result)}
        except Fatal:
            raise
        except self.caught as exc:  # the other side gets the failure as data
            if isinstance(exc, (SystemExit, GeneratorExit)):
                exc = RuntimeError(f"{type(exc).__name__} raised")
            reply = {"re": message.get("id"), "error": self.describe(exc)}
        try:                                    # again: encoding the result may have failed midway
            self.pointers = {id(a): i for i, a in enumerate(received)}
            back = [[i, self.encode(a, itself=True)] for i, (a, b) in enumerate(zip(received, before)) if _changed(a, b)]
        finally:
            self.pointers = None
        if back:
            reply["back"] = back
        self.send(reply)

    def environment(self, op):
        """What the callee should apply while it serves op: None, or data (see applied)."""
        return None

    def applied(self, env):
        """A context in which a request is served, given the caller's environment (None: as it is)."""
        return contextlib.nullcontext()

    def lookup(self, name):
        """The object a name of this side stands for (the kernel's notebook globals)."""
        raise ProtocolError("names are not looked up on this side")

    def describe(self, exc):
        """An exception as data: its type name, message and where it happened."""
        return {"type": type(exc).__name__, "message": _short(str(exc), 2000)}

    def error(self, data):
        """The exception to raise for an error reply (overridden by the judge)."""
        return RuntimeError(f"{data.get('type')}: {data.get('message')}")


def _short(text, limit):
    return text if len(text) <= limit else text[:limit] + f" ... ({len(text) - limit} more characters)"


def _list(value, n=None):
    if type(value) is not list or (n is not None and len(value) != n):
        raise ProtocolError("a value is not in the protocol's form")
    return value


def _int(value):
    if type(value) is not int:
        raise ProtocolError("a handle is not an integer")
    return value


def _b64(text):
    if type(text) is not str:
        raise ProtocolError("binary data is not base64 text")
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        raise ProtocolError("binary data is not base64") from None


def _array(dtype, shape, data):
    try:
        dt = np.dtype(dtype)
    except TypeError:
        raise ProtocolError(f"unknown dtype {dtype!r}") from None
    if not is_data(dt) or type(shape) is not list or len(shape) > 32 \
            or not all(type(n) is int and n >= 0 for n in shape):
        raise ProtocolError("an array is not numeric or its shape is malformed")
    if math.prod(shape) * dt.itemsize != len(data):              # Python ints: no product wraps around
        raise ProtocolError("an array's data does not match its shape")
    array = np.frombuffer(data, dtype=dt).reshape(shape).copy()
    array.setflags(write=True)
    return array


def _pairs(value):
    return [_list(pair, 2) for pair in _list(value)]


def _snapshot(value):
    """What a received array, list or dict held, to tell afterwards whether the callee changed it."""
    if isinstance(value, np.ndarray):
        return value.copy()
    return list(value.items()) if isinstance(value, dict) else list(value)


def _changed(value, before):
    if isinstance(value, np.ndarray):                 # any bit changed in place (a -0.0 for a 0.0 included)
        return value.shape != before.shape or value.dtype != before.dtype or value.tobytes() != before.tobytes()
    now = list(value.items()) if isinstance(value, dict) else list(value)
    if len(now) != len(before):
        return True
    if isinstance(value, dict):
        return any(k is not k0 and k != k0 or v is not v0 for (k, v), (k0, v0) in zip(now, before))
    return any(v is not v0 for v, v0 in zip(now, before))


def _copy_back(sent, index, value):
    if type(index) is not int or not 0 <= index < len(sent):
        raise ProtocolError("a value copied back matches no argument")
    target = sent[index]
    if isinstance(target, np.ndarray):
        if isinstance(value, np.ndarray) and value.shape == target.shape and target.flags.writeable:
            target[...] = value
    elif isinstance(target, dict) and isinstance(value, dict):
        target.clear()
        target.update(value)
    elif isinstance(target, list) and isinstance(value, list):
        target[:] = value
