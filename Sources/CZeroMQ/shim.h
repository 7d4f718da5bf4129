// ZeroMQ (libzmq), the transport of the Jupyter messaging protocol.
#include <zmq.h>
