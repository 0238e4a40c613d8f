"""The feed: provider events routed to panels (the router), the newest of each
delivered once a beat (delivery), the spoiler delay line, and the time keys."""
