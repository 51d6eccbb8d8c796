LISTEN "acme:jobs";
NOTIFY "acme:jobs", E'hello';
UNLISTEN "acme:jobs"
