"""The yearly innovation award (罗湖创新奖): calls, nominations, panel scores, winners."""
