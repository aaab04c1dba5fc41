#include "wininet.h"
#include "use.h"
int main(void) { return use_header() == 0; }
