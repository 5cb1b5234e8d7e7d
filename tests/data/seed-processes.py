# seed-processes.py — a program of the reference material, as it is there
# (/work/shared/seeds/000_885d67fe46ff7c74.txt, "Multiprocessing Example"):
# tests/test-python.c runs it under the observer unchanged.
import multiprocessing
import time

# Function to print numbers
def print_numbers():
    for i in range(1, 6):
        print(f"Process 1 - Number: {i}")
        time.sleep(1)

def print_letters():
    for letter in 'abcde':
        print(f"Process 2 - Letter: {letter}")
        time.sleep(1)

if __name__ == '__main__':
    # Create two processes
    p1 = multiprocessing.Process(target=print_numbers)
    p2 = multiprocessing.Process(target=print_letters)

    # Start processes
    p1.start()
    p2.start()

    # Wait for both processes to finish
    p1.join()
    p2.join()
